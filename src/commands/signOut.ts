import * as vscode from 'vscode';
import { registerCommand } from '../ui/commandWrapper';
import { SIGNED_IN_CONTEXT, setContextKey } from '../ui/contextKeys';
import { argsOf } from './args';
import type { Services } from './services';

const KEEP = 'Sign Out, Keep Private Keys';
const FORGET = 'Sign Out and Forget Private Keys';

/**
 * Vonage: Sign Out — `{ forgetPrivateKeys?: boolean }` → `{ baseUrl, forgottenPrivateKeys }`.
 * Forgets the key and secret for the current base URL; asks whether to forget the stored private
 * keys too (default: keep). With an argument object it asks nothing.
 */
export function registerSignOut(s: Services): void {
  registerCommand(s.context, 'vonage.signOut', s, async (arg, inv) => {
    const args = argsOf(arg);
    const baseUrl = s.session.baseUrl;
    let forget = args.forgetPrivateKeys === true;
    if (!inv.scripted && !(await s.session.isSignedIn(baseUrl))) {
      // The palette lists Sign Out whether or not a key is stored (that is unknown until the extension reads SecretStorage).
      await setContextKey(SIGNED_IN_CONTEXT, false);
      void inv.ui.info(`You are not signed in to ${baseUrl}: no API key and secret are stored for it.`);
      return { baseUrl, forgottenPrivateKeys: 0 };
    }
    if (!inv.scripted) {
      const choice = await inv.ui.confirm('Sign out of Vonage?',
        `This forgets the API key and secret for ${baseUrl}. Private keys of your applications can stay, so that after signing back in you can still manage users and generate JWTs.`,
        KEEP, FORGET);
      if (!choice) throw new vscode.CancellationError();
      forget = choice === FORGET;
    }
    await s.store.deleteAccount(baseUrl);
    const forgottenPrivateKeys = forget ? await s.store.deleteAllPrivateKeys(baseUrl) : 0;
    s.log.info(`Signed out of ${baseUrl}${forget ? `; forgot ${forgottenPrivateKeys} private key(s)` : ''}.`);
    s.tree.reload();
    await setContextKey(SIGNED_IN_CONTEXT, false);
    return { baseUrl, forgottenPrivateKeys };
  });
}
