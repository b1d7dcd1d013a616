import { sessionsSummary } from '../../vonage/conversations';
import type { NodeExtension } from '../../tree/composedTree';
import { MessageNode } from '../../tree/messageNode';
import type { TreeNode } from '../../tree/treeNode';
import type { UserNode } from '../users/userNode';
import type { ApplicationConversations } from './applicationConversations';
import { ConversationNode } from './conversationNode';
import { SessionsNode } from './sessionsNode';

/**
 * Under each user: whether their app is logged in ("online · 1 session") and the conversations they
 * are a member of. Read when the user is expanded, both at once, every time (sessions come and go).
 */
export function userActivity(conversations: ApplicationConversations): NodeExtension<UserNode> {
  return {
    children: async (user): Promise<TreeNode[]> => {
      try {
        const client = await conversations.client(user.applicationId);
        const [sessions, theirs] = await Promise.all([client.userSessions(user.user.id), client.userConversations(user.user.id)]);
        return [new SessionsNode(user, sessionsSummary(sessions.length), sessions.length), ...theirs.map((c) => new ConversationNode(user, c))];
      } catch (e) {
        return [MessageNode.error(user.parent, e instanceof Error ? e.message : String(e))];
      }
    },
  };
}
