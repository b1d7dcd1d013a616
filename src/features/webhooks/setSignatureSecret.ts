import vscode = require('vscode');
import type { Services } from '../../services';
import type { SignatureSecrets } from '../../credentials/signatureSecrets';
import { DASHBOARD_SETTINGS_URL } from '../../credentials/session';
import { registerCommand } from '../../ui/commandWrapper';
import { argsOf, optString } from '../../ui/args';
import { VonageInputError } from '../../vonage/errors';
import { activeAccount } from './webhookArgs';

/**
 * Vonage: Set Signature Secret — `{secret}` → `{apiKey}`: the active account's signature secret (the
 * dashboard's settings page), kept in SecretStorage, with which every callback's signature is checked. By
 * hand: a password box with a button that opens the dashboard settings.
 */
export function registerSetSignatureSecret(s: Services, secrets: SignatureSecrets): void {
  registerCommand(s.context, 'vonage.setSignatureSecret', s, async (arg, inv) => {
    const account = await activeAccount(s);
    let secret = optString(argsOf(arg), 'secret');
    if (secret === undefined) {
      if (inv.scripted) throw new VonageInputError('Give the signature secret (secret): it is on the dashboard\'s settings page.', 'secret');
      secret = await inv.ui.input({
        title: 'Set Signature Secret',
        prompt: `The signature secret of the account ${account.apiKey} (dashboard settings, "Signature secret"): callbacks signed with it are marked ✓`,
        password: true,
        validate: secretProblem,
        button: { icon: 'link-external', tooltip: 'Open the dashboard settings', run: () => { void vscode.env.openExternal(vscode.Uri.parse(DASHBOARD_SETTINGS_URL)); } },
      });
    }
    const problem = secretProblem(secret);
    if (problem) throw new VonageInputError(problem, 'secret');
    await secrets.set(account.baseUrl, account.apiKey, secret.trim());
    s.log.info(`Stored the signature secret of the account ${account.apiKey} for ${account.baseUrl}.`);
    if (!inv.scripted) void inv.ui.info(`Callbacks for the account ${account.apiKey} are now checked with its signature secret.`);
    return { apiKey: account.apiKey };
  });
}

function secretProblem(value: string): string | undefined {
  const t = value.trim();
  if (!t) return 'Enter the signature secret from the dashboard\'s settings page.';
  if (/\s/.test(t)) return 'A signature secret has no spaces: copy it again from the dashboard\'s settings page.';
  return undefined;
}
