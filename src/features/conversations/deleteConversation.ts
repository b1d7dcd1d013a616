import * as vscode from 'vscode';
import { deleteAllowingGone } from '../../ui/alreadyGone';
import { argsOf } from '../../ui/args';
import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import type { Services } from '../../services';
import { VonageInputError } from '../../vonage/errors';
import { applicationIdOf, pickApplicationWithKey } from '../applications/applicationArgs';
import type { ApplicationConversations } from './applicationConversations';
import { conversationIdOf, conversationLabel, pickConversation } from './conversationArgs';

/**
 * Vonage: Delete Conversation — `{ applicationId, conversationId }` → `{ deleted: true }`
 * (`vonage conversations delete`). A person confirms in a modal; one already gone is removed here too.
 */
export function registerDeleteConversation(s: Services, c: ApplicationConversations): void {
  registerCommand(s.context, 'vonage.deleteConversation', s, async (arg, inv) => {
    const args = argsOf(arg);
    let applicationId = applicationIdOf(arg);
    let conversationId = conversationIdOf(arg, args);
    await runWizard('Delete Conversation', [
      {
        skip: () => applicationId !== undefined,
        run: async (info) => {
          applicationId = (await pickApplicationWithKey(s, inv, info, 'Which application?')).id;
        },
      },
      {
        skip: () => conversationId !== undefined,
        run: async (info) => {
          conversationId = (await pickConversation(c, inv, info, applicationId!, 'Delete which conversation?')).id;
        },
      },
    ]);
    if (!applicationId) throw new VonageInputError('Say which application (applicationId).', 'applicationId');
    if (!conversationId) throw new VonageInputError('Say which conversation to delete (conversationId).', 'conversationId');
    const appId = applicationId;
    const id = conversationId;
    const label = conversationLabel(c, appId, id);
    if (!inv.scripted) {
      const choice = await inv.ui.confirm(`Delete the conversation ${label}?`, 'Vonage deletes it with its members and events. This cannot be undone.', 'Delete');
      if (choice !== 'Delete') throw new vscode.CancellationError();
    }
    const client = await c.client(appId);
    await withProgress(`Vonage: deleting conversation ${label}…`, (signal) => deleteAllowingGone(s.log, `Conversation ${id}`, () => client.delete(id, signal)));
    c.removed(appId, id);
    s.log.info(`Deleted conversation ${id} of application ${appId}.`);
    return { deleted: true };
  });
}
