import vscode = require('vscode');
import { DASHBOARD_SETTINGS_URL } from '../../credentials/session';
import { offerRetry, registerCommand } from '../../ui/commandWrapper';
import { SIGNED_IN_CONTEXT, setContextKey } from '../../ui/contextKeys';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import { argsOf, given, optString } from '../../ui/args';
import type { Services } from '../../services';

/**
 * Vonage: Set API Key and Secret — `{ apiKey, apiSecret, label? }` → `{ apiKey, baseUrl, label }`.
 * The pair is checked against the API first; a 401 stores nothing. Stored per base URL, next to any
 * other accounts of that host, and made the active one. The label is asked once the host has an account
 * (the first one is labelled by its key); one already used by another account is refused before sending.
 */
export function registerSetCredentials(s: Services): void {
  registerCommand(s.context, 'vonage.setCredentials', s, async (arg, inv) => {
    const args = argsOf(arg);
    let apiKey = optString(args, 'apiKey')?.trim();
    let apiSecret = optString(args, 'apiSecret');
    let label = optString(args, 'label')?.trim();
    const baseUrl = s.session.baseUrl;
    const stored = await s.store.listAccounts(baseUrl);
    const button = {
      icon: 'link-external',
      tooltip: 'Open the dashboard settings page, where your API key and secret are',
      run: () => { void vscode.env.openExternal(vscode.Uri.parse(DASHBOARD_SETTINGS_URL)); },
    };
    const required = (what: string) => (v: string) => (v.trim() ? undefined : `Enter your API ${what}.`);
    await runWizard('Set Vonage API Key and Secret', [
      {
        skip: () => given(args, 'apiKey'),
        run: async (info) => {
          apiKey = (await inv.ui.input({ ...info, prompt: `Your Vonage API key (dashboard.nexmo.com/settings) for ${baseUrl}`, placeholder: 'e.g. a1b2c3d4', value: apiKey, validate: required('key'), button })).trim();
        },
      },
      {
        skip: () => given(args, 'apiSecret'),
        run: async (info) => {
          apiSecret = (await inv.ui.input({ ...info, prompt: 'Your Vonage API secret (kept in VS Code SecretStorage only)', password: true, validate: required('secret'), button })).trim();
        },
      },
      {
        skip: () => inv.scripted || given(args, 'label') || stored.length === 0,
        run: async (info) => {
          const current = stored.find((a) => a.apiKey === apiKey?.trim())?.label ?? label ?? apiKey;
          label = (await inv.ui.input({ ...info, prompt: 'A label for this account (the status bar shows it), e.g. Personal or Client X', value: current, validate: (v) => s.store.labelProblem(baseUrl, v, apiKey?.trim() ?? '') })).trim();
        },
      },
    ]);
    const core = await s.session.core();
    if (!apiKey) throw new core.VonageInputError('The API key is empty. Copy it from the dashboard settings page.', 'apiKey');
    if (!apiSecret) throw new core.VonageInputError('The API secret is empty. Copy it from the dashboard settings page.', 'apiSecret');
    s.log.protect(apiSecret);
    if (label !== undefined) {
      const problem = await s.store.labelProblem(baseUrl, label, apiKey);
      if (problem) throw new core.VonageInputError(problem, 'label');
    }
    const creds = { apiKey, apiSecret };
    await withProgress('Vonage: checking the API key and secret…', async (signal) => {
      const client = await s.session.applicationsWith(baseUrl, creds); // verified against the URL it is stored under
      try {
        await client.verifyCredentials(signal);
      } catch (e) {
        // A rejected pair: offered again with the key still typed in (never the secret).
        throw e instanceof Error && (e as { kind?: string }).kind === 'unauthorized' ? offerRetry(e, 'vonage.setCredentials', { apiKey, label }) : e;
      }
    });
    await s.store.setAccount(baseUrl, creds, label);
    const account = (await s.store.activeAccount(baseUrl))!;
    s.log.info(`API key ${apiKey} verified and stored for ${baseUrl} as "${account.label}" (the active account).`);
    s.tree.reload();
    // Not only when the view renders: the palette's commands and the walkthrough read it too.
    await setContextKey(SIGNED_IN_CONTEXT, true);
    if (!inv.scripted) void inv.ui.info(`Vonage account ${account.label === apiKey ? '' : `"${account.label}" `}connected (API key ${apiKey}).`);
    return { apiKey, baseUrl, label: account.label };
  }, { worksSignedOut: true });
}
