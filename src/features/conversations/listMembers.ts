import vscode = require('vscode');
import { argsOf } from '../../ui/args';
import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import type { Services } from '../../services';
import type { ApplicationConversations } from './applicationConversations';
import { conversationSteps, conversationTarget, requiredTarget } from './conversationArgs';

/**
 * Vonage: List Members — `{ applicationId, conversationId }` → `[{ id, state, user: { id, name } }]`,
 * every page (`vonage members list`). By hand: shows them in a list to pick one and copy its id.
 */
export function registerListMembers(s: Services, c: ApplicationConversations): void {
  registerCommand(s.context, 'vonage.listMembers', s, async (arg, inv) => {
    const args = argsOf(arg);
    const target = conversationTarget(arg, args);
    await runWizard('List Members', conversationSteps(s, c, inv, target, 'Members of which conversation?'));
    const { applicationId, conversationId } = requiredTarget(target);
    const client = await c.client(applicationId);
    const convId = conversationId;
    const members = await withProgress('Vonage: listing members…', (signal) => client.members(convId, signal));
    const result = members.map((m) => ({ id: m.id, state: m.state, user: { id: m.user.id, name: m.user.name } }));
    if (!inv.scripted) {
      if (!members.length) {
        void inv.ui.info('This conversation has no members yet. Add one with Vonage: Add Member.');
      } else {
        const picked = await inv.ui.pick(members.map((m) => ({ label: `$(person) ${m.user.name}`, description: m.state, detail: `${m.id} · ${m.user.id}`, value: m })), { title: 'Members', placeholder: 'Pick a member to copy its member id' });
        await vscode.env.clipboard.writeText(picked.id);
        void inv.ui.info(`Copied the member id of ${picked.user.name} (${picked.id}).`);
      }
    }
    return result;
  });
}
