import vscode = require('vscode');
import { registerCommand } from '../../ui/commandWrapper';
import { runWizard } from '../../ui/prompts';
import { applicationIdOf, pickApplication } from './applicationArgs';
import type { Services } from '../../services';

/** Vonage: Copy Application ID — `{ applicationId }` or an application node → the id (also on the clipboard). */
export function registerCopyApplicationId(s: Services): void {
  registerCommand(s.context, 'vonage.copyApplicationId', s, async (arg, inv) => {
    let id = applicationIdOf(arg);
    await runWizard('Copy Application ID', [{ skip: () => id !== undefined, run: async (info) => { id = (await pickApplication(s, inv, info)).id; } }]);
    await vscode.env.clipboard.writeText(id!);
    if (!inv.scripted) vscode.window.setStatusBarMessage(`Copied application ID ${id!}`, 3000);
    return id;
  });
}
