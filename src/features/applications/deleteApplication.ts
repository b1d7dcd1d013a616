import vscode = require('vscode');
import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import { deleteAllowingGone } from '../../ui/alreadyGone';
import { applicationIdOf, getApplication, pickApplication } from './applicationArgs';
import type { Services } from '../../services';

/**
 * Vonage: Delete Application — `{ applicationId }` → `{ id }`. A person confirms in a modal that
 * names the application; with an argument object there is no second confirmation. Also forgets
 * the stored private key. Already deleted elsewhere (404): it leaves the tree all the same.
 */
export function registerDeleteApplication(s: Services): void {
  registerCommand(s.context, 'vonage.deleteApplication', s, async (arg, inv) => {
    const baseUrl = s.session.baseUrl;
    let id = applicationIdOf(arg);
    let name = id ? s.tree.findApplication(id)?.app.name : undefined;
    await runWizard('Delete Application', [{ skip: () => id !== undefined, run: async (info) => { const app = await pickApplication(s, inv, info, 'Which application to delete?'); id = app.id; name = app.name; } }]);
    const appId = id!;
    if (!inv.scripted) {
      name ??= (await getApplication(s, baseUrl, appId).catch(() => undefined))?.name;
      const choice = await inv.ui.confirm(`Delete the application "${name ?? appId}"?`,
        `Vonage deletes it with its users (${appId}). Its private key is forgotten in this VS Code. This cannot be undone.`, 'Delete');
      if (choice !== 'Delete') throw new vscode.CancellationError();
    }
    await withProgress(`Vonage: deleting "${name ?? appId}"…`, async (signal) => {
      const client = await s.session.applications(baseUrl);
      await deleteAllowingGone(s.log, `Application ${appId}`, () => client.delete(appId, signal));
    });
    await s.store.deletePrivateKey(baseUrl, appId);
    s.tree.removeApplication(appId);
    s.log.info(`Deleted application ${appId}.`);
    return { id: appId };
  });
}
