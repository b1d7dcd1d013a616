import { argsOf, given, optString } from '../../ui/args';
import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import type { Services } from '../../services';
import { VonageInputError } from '../../vonage/errors';
import { checkedText, type Member, userRef } from '../../vonage/conversations';
import type { ApplicationConversations } from './applicationConversations';
import { conversationSteps, conversationTarget, conversationTitle, pickMember, requiredTarget } from './conversationArgs';
import { MemberNode } from './memberNode';

/**
 * Vonage: Send Text Message — `{ applicationId, conversationId, user, text }` → `{ id }`: a text event
 * from that user's joined member, as their app would send it (how a developer pokes their own app).
 * The text is the user's data: never logged.
 */
export function registerSendTextMessage(s: Services, c: ApplicationConversations): void {
  registerCommand(s.context, 'vonage.sendTextMessage', s, async (arg, inv) => {
    const args = argsOf(arg);
    const target = conversationTarget(arg, args);
    let member: Member | undefined = arg instanceof MemberNode && arg.member.state === 'joined' ? arg.member : undefined;
    const user = optString(args, 'user');
    let text = optString(args, 'text');
    await runWizard('Send Text Message', [
      ...conversationSteps(s, c, inv, target, 'Send to which conversation?'),
      {
        skip: () => member !== undefined || user !== undefined,
        run: async (info) => {
          const members = c.client(target.applicationId!).then((client) => client.members(target.conversationId!));
          member = await pickMember(members, inv, info, 'Send as which member? (joined members only)', (m) => m.state === 'joined');
        },
      },
      {
        skip: () => given(args, 'text'),
        run: async (info) => {
          text = await inv.ui.input({
            ...info,
            prompt: `Message from ${member?.user.name ?? user ?? 'the member'}`,
            value: text,
            validate: (v) => (v.trim() ? undefined : 'Write the message text; it cannot be empty.'),
          });
        },
      },
    ]);
    const { applicationId: appId, conversationId: convId } = requiredTarget(target);
    const body = checkedText(text);
    const client = await c.client(appId);
    const label = await conversationTitle(c, appId, convId);
    const from = member ?? joinedMemberOf(await client.members(convId), user, label);
    const sent = await withProgress(`Vonage: sending as ${from.user.name}…`, (signal) => client.sendText(convId, from.id, body, signal));
    s.log.info(`Sent a text event ${sent.id} to conversation ${convId} as member ${from.id}.`);
    if (!inv.scripted) void inv.ui.info(`Sent to ${label} as ${from.user.name} (event ${sent.id}).`);
    return { id: sent.id };
  });
}

/** The joined member of `user` (a name or id), or one sentence saying what to do. */
function joinedMemberOf(members: Member[], user: string | undefined, label: string): Member {
  const who = userRef(user);
  const mine = members.filter((m) => ('id' in who ? m.user.id === who.id : m.user.name === who.name));
  const joined = mine.find((m) => m.state === 'joined');
  if (joined) return joined;
  const shown = 'id' in who ? who.id : `"${who.name}"`;
  const state = mine[0]?.state;
  throw new VonageInputError(state
    ? `The user ${shown} is ${state === 'invited' ? 'only invited to' : 'no longer in'} ${label}: only a joined member can send. Add them as joined (Vonage: Add Member) and send again.`
    : `The user ${shown} is not a member of ${label}: only a joined member can send. Add them as joined (Vonage: Add Member) and send again.`, 'user');
}
