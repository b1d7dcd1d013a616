import vscode = require('vscode');
import { registerCommand } from '../../ui/commandWrapper';
import { runWizard } from '../../ui/prompts';
import { argsOf } from '../../ui/args';
import { applicationIdOf, pickApplication } from './applicationArgs';
import type { Services } from '../../services';

export const dashboardUrl = (applicationId: string) => `https://dashboard.nexmo.com/applications/${encodeURIComponent(applicationId)}`;

/** Vonage: Open in Dashboard — `{ applicationId, open?: false }` → the dashboard URL (opened unless open is false). */
export function registerOpenInDashboard(s: Services): void {
  registerCommand(s.context, 'vonage.openInDashboard', s, async (arg, inv) => {
    let id = applicationIdOf(arg);
    await runWizard('Open in Dashboard', [{ skip: () => id !== undefined, run: async (info) => { id = (await pickApplication(s, inv, info)).id; } }]);
    const url = dashboardUrl(id!);
    if (argsOf(arg).open !== false) await vscode.env.openExternal(vscode.Uri.parse(url));
    return url;
  });
}
