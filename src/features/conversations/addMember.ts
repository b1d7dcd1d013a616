import { argsOf, given, optString } from '../../ui/args';
import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import type { Services } from '../../services';
import { checkedMemberState, type RequestedMemberState, userRef } from '../../vonage/conversations';
import { VonageInputError } from '../../vonage/errors';
import { applicationIdOf, pickApplicationWithKey } from '../applications/applicationArgs';
import { pickUser } from '../users/pickUser';
import type { ApplicationConversations } from './applicationConversations';
import { conversationIdOf, conversationLabel, pickConversation } from './conversationArgs';

/**
 * Vonage: Add Member — `{ applicationId, conversationId, user, state }` → `{ id, state, userId }`
 * (`vonage members create`, the CLI's `member:add … action=join channel='{"type":"app"}'`). `user` is a
 * name or a USR- id; `state` joined or invited. A lost answer is settled by reading the members.
 */
export function registerAddMember(s: Services, c: ApplicationConversations): void {
  registerCommand(s.context, 'vonage.addMember', s, async (arg, inv) => {
    const args = argsOf(arg);
    let applicationId = applicationIdOf(arg);
    let conversationId = conversationIdOf(arg, args);
    let user = optString(args, 'user');
    let state: RequestedMemberState | undefined = given(args, 'state') ? checkedMemberState(args.state) : undefined;
    await runWizard('Add Member', [
      {
        skip: () => applicationId !== undefined,
        run: async (info) => {
          applicationId = (await pickApplicationWithKey(s, inv, info, 'Which application?')).id;
        },
      },
      {
        skip: () => conversationId !== undefined,
        run: async (info) => {
          conversationId = (await pickConversation(c, inv, info, applicationId!, 'Add a member to which conversation?')).id;
        },
      },
      {
        skip: () => user !== undefined,
        run: async (info) => {
          const picked = await pickUser(s, inv, s.session.baseUrl, applicationId!, info, false);
          user = picked.id ?? picked.name;
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
    if (!applicationId) throw new VonageInputError('Say which application (applicationId).', 'applicationId');
    if (!conversationId) throw new VonageInputError('Say which conversation (conversationId).', 'conversationId');
    const appId = applicationId;
    const convId = conversationId;
    const who = userRef(user);
    const wanted = checkedMemberState(state);
    const client = await c.client(appId);
    const label = conversationLabel(c, appId, convId);
    let member;
    try {
      member = await withProgress(`Vonage: adding ${user!} to ${label}…`, (signal) => client.addMember(convId, who, wanted, signal));
    } catch (e) {
      if ((e as { code?: unknown }).code === 'conversation:error:not-found') c.removed(appId, convId);
      throw e;
    }
    await c.membersChanged(appId, convId);
    s.log.info(`Added member ${member.id} (${member.user.id}, ${member.state}) to conversation ${convId}.`);
    if (!inv.scripted) void inv.ui.info(`${member.user.name || user!} ${member.state === 'invited' ? 'is invited to' : 'joined'} ${label}.`);
    return { id: member.id, state: member.state, userId: member.user.id };
  });
}
