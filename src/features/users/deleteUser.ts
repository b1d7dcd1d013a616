import vscode = require('vscode');
import { UserNode } from './userNode';
import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import { deleteAllowingGone } from '../../ui/alreadyGone';
import { argsOf, optString } from '../../ui/args';
import { applicationIdOf, pickApplicationWithKey } from '../applications/applicationArgs';
import { pickUser } from './pickUser';
import type { Services } from '../../services';

/** Vonage: Delete User — `{ applicationId, userId }` → `{ id }`; a person confirms in a modal. Already gone (404): removed here too. */
export function registerDeleteUser(s: Services): void {
  registerCommand(s.context, 'vonage.deleteUser', s, async (arg, inv) => {
    const baseUrl = s.session.baseUrl;
    const core = await s.session.core();
    let applicationId = applicationIdOf(arg);
    let userId = arg instanceof UserNode ? arg.user.id : optString(argsOf(arg), 'userId');
    let userName = arg instanceof UserNode ? arg.user.name : undefined;
    await runWizard('Delete User', [
      {
        skip: () => applicationId !== undefined,
        run: async (info) => {
          applicationId = (await pickApplicationWithKey(s, inv, info, 'Which application?')).id;
        },
      },
      {
        skip: () => userId !== undefined,
        run: async (info) => {
          const u = await pickUser(s, inv, baseUrl, applicationId!, info, false);
          userId = u.id;
          userName = u.name;
        },
      },
    ]);
    if (!applicationId) throw new core.VonageInputError('Say which application the user belongs to (applicationId).', 'applicationId');
    if (!userId) throw new core.VonageInputError('Say which user to delete (userId).', 'userId');
    const appId = applicationId;
    const id = userId;
    if (!inv.scripted) {
      const choice = await inv.ui.confirm(`Delete the user "${userName ?? id}"?`, `Vonage deletes ${id} from the application. This cannot be undone.`, 'Delete');
      if (choice !== 'Delete') throw new vscode.CancellationError();
    }
    const users = await s.session.users(baseUrl, appId, s.tree.findApplication(appId)?.app.name);
    await withProgress(`Vonage: deleting user "${userName ?? id}"…`, async (signal) => {
      await deleteAllowingGone(s.log, `User ${id}`, () => users.delete(id, signal));
    });
    s.users.remove(appId, id);
    s.log.info(`Deleted user ${id} of application ${appId}.`);
    return { id };
  });
}
