import vscode = require('vscode');
import { argsOf } from '../../ui/args';
import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import type { Services } from '../../services';
import { VonageInputError } from '../../vonage/errors';
import type { ApplicationConversations } from './applicationConversations';
import { conversationLabel, conversationSteps, conversationTarget, memberIdOf, pickMember, requiredTarget } from './conversationArgs';
import { MemberNode } from './memberNode';

/**
 * Vonage: Remove Member — `{ applicationId, conversationId, memberId }` → `{ id, state: 'left' }`
 * (`vonage members update … state=left`). A person confirms first.
 */
export function registerRemoveMember(s: Services, c: ApplicationConversations): void {
  registerCommand(s.context, 'vonage.removeMember', s, async (arg, inv) => {
    const args = argsOf(arg);
    const target = conversationTarget(arg, args);
    let memberId = memberIdOf(arg, args);
    let memberName = arg instanceof MemberNode ? arg.member.user.name : undefined;
    await runWizard('Remove Member', [
      ...conversationSteps(s, c, inv, target, 'Remove a member of which conversation?'),
      {
        skip: () => memberId !== undefined,
        run: async (info) => {
          const members = c.client(target.applicationId!).then((client) => client.members(target.conversationId!));
          const m = await pickMember(members, inv, info, 'Remove which member?', (x) => x.state !== 'left');
          memberId = m.id;
          memberName = m.user.name;
        },
      },
    ]);
    const { applicationId, conversationId } = requiredTarget(target);
    if (!memberId) throw new VonageInputError('Say which member to remove (memberId).', 'memberId');
    const [appId, convId, id] = [applicationId, conversationId, memberId];
    const label = conversationLabel(c, appId, convId);
    if (!inv.scripted) {
      const choice = await inv.ui.confirm(`Remove ${memberName ?? id} from ${label}?`, 'The member leaves the conversation (state left); the user itself is kept.', 'Remove');
      if (choice !== 'Remove') throw new vscode.CancellationError();
    }
    const client = await c.client(appId);
    try {
      await withProgress(`Vonage: removing ${memberName ?? id}…`, (signal) => client.removeMember(convId, id, signal));
    } finally {
      await c.membersChanged(appId, convId); // also after a failure: the view shows the members as they are now
    }
    s.log.info(`Member ${id} left conversation ${convId}.`);
    return { id, state: 'left' };
  });
}
