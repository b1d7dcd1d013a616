import vscode = require('vscode');
import { deleteAllowingGone } from '../../ui/alreadyGone';
import { argsOf } from '../../ui/args';
import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import type { Services } from '../../services';
import type { ApplicationConversations } from './applicationConversations';
import { conversationLabel, conversationSteps, conversationTarget, requiredTarget } from './conversationArgs';

/**
 * Vonage: Delete Conversation — `{ applicationId, conversationId }` → `{ deleted: true }`
 * (`vonage conversations delete`). A person confirms in a modal; one already gone is removed here too.
 */
export function registerDeleteConversation(s: Services, c: ApplicationConversations): void {
  registerCommand(s.context, 'vonage.deleteConversation', s, async (arg, inv) => {
    const args = argsOf(arg);
    const target = conversationTarget(arg, args);
    await runWizard('Delete Conversation', conversationSteps(s, c, inv, target, 'Delete which conversation?'));
    const { applicationId: appId, conversationId: id } = requiredTarget(target);
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
