import { argsOf, given, optString } from '../../ui/args';
import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import type { Services } from '../../services';
import { checkedMemberState, type RequestedMemberState, userRef } from '../../vonage/conversations';
import { pickUser } from '../users/pickUser';
import type { ApplicationConversations } from './applicationConversations';
import { conversationLabel, conversationSteps, conversationTarget, requiredTarget } from './conversationArgs';

/**
 * Vonage: Add Member — `{ applicationId, conversationId, user, state }` → `{ id, state, userId }`
 * (`vonage members create`, the CLI's `member:add … action=join channel='{"type":"app"}'`). `user` is a
 * name or a USR- id; `state` joined or invited. A lost answer is settled by reading the members.
 */
export function registerAddMember(s: Services, c: ApplicationConversations): void {
  registerCommand(s.context, 'vonage.addMember', s, async (arg, inv) => {
    const args = argsOf(arg);
    const target = conversationTarget(arg, args);
    let user = optString(args, 'user');
    let userName = user; // what the messages call the user: the name picked, or the name or id given
    let state: RequestedMemberState | undefined = given(args, 'state') ? checkedMemberState(args.state) : undefined;
    await runWizard('Add Member', [
      ...conversationSteps(s, c, inv, target, 'Add a member to which conversation?'),
      {
        skip: () => user !== undefined,
        run: async (info) => {
          const picked = await pickUser(s, inv, s.session.baseUrl, target.applicationId!, info, false);
          user = picked.id ?? picked.name;
          userName = picked.name;
        },
      },
      {
        skip: () => state !== undefined || inv.scripted,
        run: async (info) => {
          state = await inv.ui.pick([
            { label: '$(pass-filled) Joined', description: 'the user is in the conversation now', value: 'joined' as const },
            { label: '$(mail) Invited', description: 'the user is asked to join', value: 'invited' as const },
          ], { ...info, placeholder: 'Joined or invited?' });
        },
      },
    ]);
    const { applicationId: appId, conversationId: convId } = requiredTarget(target);
    const who = userRef(user);
    const wanted = checkedMemberState(state);
    const client = await c.client(appId);
    const label = conversationLabel(c, appId, convId);
    let member;
    try {
      member = await withProgress(`Vonage: adding ${userName!} to ${label}…`, (signal) => client.addMember(convId, who, wanted, signal));
    } catch (e) {
      if ((e as { code?: unknown }).code === 'conversation:error:not-found') c.removed(appId, convId);
      throw e;
    }
    await c.membersChanged(appId, convId);
    s.log.info(`Added member ${member.id} (${member.user.id}, ${member.state}) to conversation ${convId}.`);
    if (!inv.scripted) void inv.ui.info(`${member.user.name || userName!} ${member.state === 'invited' ? 'is invited to' : 'joined'} ${label}.`);
    return { id: member.id, state: member.state, userId: member.user.id };
  });
}
