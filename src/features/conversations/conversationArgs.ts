import type { Conversation, Member } from '../../vonage/conversations';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { type Args, optString } from '../../ui/args';
import type { Invocation } from '../../ui/commandWrapper';
import type { StepInfo, WizardStep } from '../../ui/prompts';
import type { Services } from '../../services';
import { applicationIdOf, pickApplicationWithKey } from '../applications/applicationArgs';
import type { ApplicationConversations } from './applicationConversations';
import { ConversationNode } from './conversationNode';
import { EventsNode } from './eventsNode';
import { MemberNode } from './memberNode';

/** The conversation a command is about: a conversation, member or events node's, or `conversationId`. */
export function conversationIdOf(arg: unknown, args: Args): string | undefined {
  if (arg instanceof ConversationNode || arg instanceof MemberNode || arg instanceof EventsNode) return arg.conversationId;
  return optString(args, 'conversationId');
}

/** The conversation's name as the view knows it, for messages (else its id). */
export function conversationLabel(c: ApplicationConversations, applicationId: string, conversationId: string): string {
  const known = c.conversationsOf(applicationId)?.find((x) => x.id === conversationId);
  return known ? `"${known.displayName || known.name}"` : conversationId;
}

/** Asks which conversation of the application. */
export async function pickConversation(c: ApplicationConversations, inv: Invocation, info: StepInfo, applicationId: string, placeholder = 'Pick a conversation'): Promise<Conversation> {
  const items = (async () => {
    const list = c.conversationsOf(applicationId) ?? await (await c.client(applicationId)).list();
    if (!list.length) throw new VonageInputError('This application has no conversations yet. Create one first (Vonage: Create Conversation).');
    return list.map((x) => ({ label: `$(comment-discussion) ${x.displayName || x.name}`, description: x.displayName && x.displayName !== x.name ? x.name : undefined, detail: x.id, value: x }));
  })();
  return inv.ui.pick(items, { ...info, placeholder });
}

/** Asks which member (those `filter` keeps). */
export async function pickMember(members: Promise<Member[]>, inv: Invocation, info: StepInfo, placeholder: string, filter: (m: Member) => boolean): Promise<Member> {
  const items = members.then((list) => {
    const offered = list.filter(filter);
    if (!offered.length) throw new VonageInputError('No member of this conversation can be picked for this.');
    return offered.map((m) => ({ label: `$(person) ${m.user.name}`, description: m.state, detail: m.id, value: m }));
  });
  return inv.ui.pick(items, { ...info, placeholder });
}

/** A member id given as an argument or from a member node. */
export function memberIdOf(arg: unknown, args: Args): string | undefined {
  if (arg instanceof MemberNode) return arg.member.id;
  return optString(args, 'memberId');
}

/** The application and conversation a command acts on: from a node or the arguments, else asked. */
export interface ConversationTarget { applicationId?: string; conversationId?: string }

export function conversationTarget(arg: unknown, args: Args): ConversationTarget {
  return { applicationId: applicationIdOf(arg), conversationId: conversationIdOf(arg, args) };
}

/** The wizard's first two steps: which application (with its key), then which of its conversations. */
export function conversationSteps(s: Services, c: ApplicationConversations, inv: Invocation, target: ConversationTarget, placeholder: string): WizardStep[] {
  return [
    {
      skip: () => target.applicationId !== undefined,
      run: async (info) => {
        target.applicationId = (await pickApplicationWithKey(s, inv, info, 'Which application?')).id;
      },
    },
    {
      skip: () => target.conversationId !== undefined,
      run: async (info) => {
        target.conversationId = (await pickConversation(c, inv, info, target.applicationId!, placeholder)).id;
      },
    },
  ];
}

/** Both ids, or a sentence saying which is missing (a scripted call without them). */
export function requiredTarget(target: ConversationTarget): { applicationId: string; conversationId: string } {
  if (!target.applicationId) throw new VonageInputError('Say which application (applicationId).', 'applicationId');
  if (!target.conversationId) throw new VonageInputError('Say which conversation (conversationId).', 'conversationId');
  return { applicationId: target.applicationId, conversationId: target.conversationId };
}
