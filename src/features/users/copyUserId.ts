import vscode = require('vscode');
import { UserNode } from './userNode';
import { registerCommand } from '../../ui/commandWrapper';
import { runWizard } from '../../ui/prompts';
import { argsOf, optString } from '../../ui/args';
import { applicationIdOf, pickApplicationWithKey } from '../applications/applicationArgs';
import { pickUser } from './pickUser';
import type { Services } from '../../services';

/** Vonage: Copy User ID — a user node or `{ userId }` (or `{ applicationId }` to pick) → the id, on the clipboard. */
export function registerCopyUserId(s: Services): void {
  registerCommand(s.context, 'vonage.copyUserId', s, async (arg, inv) => {
    let userId = arg instanceof UserNode ? arg.user.id : optString(argsOf(arg), 'userId');
    let applicationId = applicationIdOf(arg);
    const baseUrl = s.session.baseUrl;
    await runWizard('Copy User ID', [
      {
        skip: () => userId !== undefined || applicationId !== undefined,
        run: async (info) => {
          applicationId = (await pickApplicationWithKey(s, inv, info, 'Which application?')).id;
        },
      },
      {
        skip: () => userId !== undefined,
        run: async (info) => {
          userId = (await pickUser(s, inv, baseUrl, applicationId!, info, false)).id;
        },
      },
    ]);
    await vscode.env.clipboard.writeText(userId!);
    if (!inv.scripted) vscode.window.setStatusBarMessage(`Copied user ID ${userId!}`, 3000);
    return userId;
  });
}
