import vscode = require('vscode');
import type { Services } from '../../services';
import { ApplicationNode } from '../applications/applicationNode';
import { UserNode } from '../users/userNode';
import { registerAddMember } from './addMember';
import { ApplicationConversations } from './applicationConversations';
import { registerCheckTokenWithVonage } from './checkTokenWithVonage';
import { ConversationNode } from './conversationNode';
import { ConversationsGroupNode } from './conversationsGroupNode';
import { registerCreateConversation } from './createConversation';
import { registerDeleteConversation } from './deleteConversation';
import { EVENTS_SCHEME, EventsTimeline } from './eventsTimeline';
import { registerListConversations } from './listConversations';
import { registerListEvents, registerTimelineCommands } from './listEvents';
import { registerListMembers } from './listMembers';
import { registerLoadMoreConversations } from './loadMoreConversations';
import { registerRemoveMember } from './removeMember';
import { registerSendTextMessage } from './sendTextMessage';
import { userActivity } from './userActivity';
import { registerUserSessions } from './userSessions';

/** What the conversation commands share, and what the test API hands out. */
export interface ConversationsFeature {
  readonly conversations: ApplicationConversations;
  readonly timeline: EventsTimeline;
}

/**
 * Conversations: under each application its conversations (members, events: every call is one), under
 * each user their sessions and conversations; create/delete, members, events, and asking Vonage whether
 * it accepts a token. Text messages are retired (Vonage discontinued In-App Messaging).
 */
export function registerConversationsFeature(s: Services): ConversationsFeature {
  const conversations = new ApplicationConversations(s);
  const timeline = new EventsTimeline(conversations);
  s.context.subscriptions.push(
    timeline,
    vscode.workspace.registerTextDocumentContentProvider(EVENTS_SCHEME, timeline),
    vscode.languages.registerCodeLensProvider({ scheme: EVENTS_SCHEME }, timeline),
    s.tree.extend(ApplicationNode, conversations.application),
    s.tree.extend(ConversationsGroupNode, conversations.group),
    s.tree.extend(ConversationNode, conversations.conversation),
    s.tree.extend(UserNode, userActivity(conversations)),
  );
  registerCreateConversation(s, conversations);
  registerListConversations(s, conversations);
  registerDeleteConversation(s, conversations);
  registerLoadMoreConversations(s, conversations);
  registerAddMember(s, conversations);
  registerListMembers(s, conversations);
  registerRemoveMember(s, conversations);
  registerListEvents(s, conversations, timeline);
  registerTimelineCommands(s, timeline);
  registerSendTextMessage(s);
  registerUserSessions(s, conversations);
  registerCheckTokenWithVonage(s);
  return { conversations, timeline };
}
