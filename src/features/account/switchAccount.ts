import vscode = require('vscode');
import { accountDisplay } from '../../credentials/accounts';
import { registerCommand } from '../../ui/commandWrapper';
import { runWizard } from '../../ui/prompts';
import { argsOf, optString } from '../../ui/args';
import type { Services } from '../../services';

const ADD = Symbol('add');

/**
 * Vonage: Switch Account — `{ apiKey }` → `{ apiKey, label, baseUrl }`. Makes another stored account of the
 * current host the active one and reloads the view. From the palette or the status bar: a pick of the
 * host's accounts (label and key, never the secret) and "Add another account…".
 */
export function registerSwitchAccount(s: Services): void {
  registerCommand(s.context, 'vonage.switchAccount', s, async (arg, inv) => {
    const baseUrl = s.session.baseUrl;
    let apiKey: string | typeof ADD | undefined = optString(argsOf(arg), 'apiKey')?.trim();
    const accounts = await s.store.listAccounts(baseUrl);
    await runWizard('Switch Vonage Account', [
      {
        skip: () => apiKey !== undefined,
        run: async (info) => {
          apiKey = await inv.ui.pick<string | typeof ADD>([
            ...accounts.map((a) => ({ label: `${a.active ? '$(check)' : '$(account)'} ${a.label}`, description: a.apiKey, detail: a.active ? 'active' : undefined, value: a.apiKey })),
            { label: '$(add) Add another account…', description: 'its API key and secret, checked with Vonage', value: ADD },
          ], { ...info, placeholder: `Which account of ${baseUrl}?` });
        },
      },
    ]);
    if ((apiKey as string | typeof ADD | undefined) === ADD) return vscode.commands.executeCommand('vonage.setCredentials');
    const account = await s.store.switchAccount(baseUrl, apiKey!);
    s.log.info(`The active account for ${baseUrl} is now ${account.apiKey} ("${account.label}").`);
    s.tree.reload();
    if (!inv.scripted) vscode.window.setStatusBarMessage(`Vonage: now using ${accountDisplay(account)}`, 3000);
    return { apiKey: account.apiKey, label: account.label, baseUrl };
  });
}
