import vscode = require('vscode');
import { accountDisplay } from '../../credentials/accounts';
import { forgetSignatureSecret } from '../../credentials/signatureSecrets';
import { registerCommand } from '../../ui/commandWrapper';
import { SIGNED_IN_CONTEXT, setContextKey } from '../../ui/contextKeys';
import { runWizard } from '../../ui/prompts';
import { argsOf } from '../../ui/args';
import type { Services } from '../../services';

const KEEP = 'Sign Out, Keep Private Keys';
const FORGET = 'Sign Out and Forget Private Keys';

/**
 * Vonage: Sign Out — `{ forgetPrivateKeys?: boolean, all?: boolean }` →
 * `{ baseUrl, forgottenPrivateKeys, signedOut, active }`. Forgets the active account of the current base
 * URL (with `all`, every account of it), its signature secret too; another stored account becomes the active one. Asks which (when
 * there are several) and whether to forget private keys too (default: keep). With an argument object it
 * asks nothing. Forgetting keys while other accounts stay forgets only the keys of this account's applications.
 */
export function registerSignOut(s: Services): void {
  registerCommand(s.context, 'vonage.signOut', s, async (arg, inv) => {
    const args = argsOf(arg);
    const baseUrl = s.session.baseUrl;
    let forget = args.forgetPrivateKeys === true;
    let all = args.all === true;
    const accounts = await s.store.listAccounts(baseUrl);
    const active = accounts.find((a) => a.active);
    if (!inv.scripted && !active) {
      // The palette lists Sign Out whether or not a key is stored (that is unknown until the extension reads SecretStorage).
      await setContextKey(SIGNED_IN_CONTEXT, false);
      void inv.ui.info(`You are not signed in to ${baseUrl}: no API key and secret are stored for it.`);
      return { baseUrl, forgottenPrivateKeys: 0 };
    }
    if (!inv.scripted) {
      await runWizard('Sign Out', [
        {
          skip: () => accounts.length < 2,
          run: async (info) => {
            all = await inv.ui.pick([
              { label: `Sign out of ${accountDisplay(active!)}`, description: 'the active account; another one becomes active', value: false },
              { label: `Sign out of all ${accounts.length} accounts`, description: baseUrl, value: true },
            ], { ...info, placeholder: 'Which account?' });
          },
        },
      ]);
      const what = all ? `every account stored for ${baseUrl}` : `the API key and secret (and signature secret) of ${accountDisplay(active!)} at ${baseUrl}`;
      const choice = await inv.ui.confirm('Sign out of Vonage?',
        `This forgets ${what}. Private keys of your applications can stay, so that after signing back in you can still manage users and generate JWTs.`,
        KEEP, FORGET);
      if (!choice) throw new vscode.CancellationError();
      forget = choice === FORGET;
    }
    const leaving = all ? accounts : accounts.filter((a) => a.active);
    const othersStay = leaving.length < accounts.length;
    // Keys belong to the host; with other accounts staying, only this account's applications' keys go.
    const keyIds = forget && othersStay ? (await s.tree.applications()).map((n) => n.applicationId) : undefined;
    const next = all ? (await s.store.deleteAllAccounts(baseUrl), undefined) : await s.store.deleteAccount(baseUrl);
    for (const a of leaving) await forgetSignatureSecret(s.context.secrets, baseUrl, a.apiKey);
    let forgottenPrivateKeys = 0;
    if (forget) forgottenPrivateKeys = keyIds ? await s.store.deletePrivateKeys(baseUrl, keyIds) : await s.store.deleteAllPrivateKeys(baseUrl);
    s.log.info(`Signed out of ${leaving.map((a) => a.apiKey).join(', ') || 'nothing'} at ${baseUrl}${forget ? `; forgot ${forgottenPrivateKeys} private key(s)` : ''}${next ? `; ${next.apiKey} is now active` : ''}.`);
    s.tree.reload();
    await setContextKey(SIGNED_IN_CONTEXT, next !== undefined);
    if (!inv.scripted && next) void inv.ui.info(`Signed out. The active Vonage account is now ${accountDisplay(next)}.`);
    return { baseUrl, forgottenPrivateKeys, signedOut: leaving.map((a) => a.apiKey), active: next?.apiKey };
  }, { worksSignedOut: true });
}
