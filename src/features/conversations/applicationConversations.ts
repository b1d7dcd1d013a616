import type { Conversation, Member } from '../../vonage/conversations';
import type { ConversationsClient } from '../../vonage/conversationsClient';
import type { Services } from '../../services';
import type { NodeExtension } from '../../tree/composedTree';
import { MessageNode } from '../../tree/messageNode';
import type { TreeNode } from '../../tree/treeNode';
import { ApplicationGroups } from '../applications/applicationGroups';
import type { ApplicationNode } from '../applications/applicationNode';
import { ConversationNode } from './conversationNode';
import { ConversationsGroupNode, LoadMoreConversationsNode } from './conversationsGroupNode';
import { EventsNode } from './eventsNode';
import { MemberNode } from './memberNode';

interface AppConversations {
  conversations: Conversation[];
  nextCursor?: string;
  /** Members read per conversation id (what the member count shows). */
  members: Map<string, Member[]>;
}

/**
 * The conversations under each application of the Applications view: the first page when
 * "Conversations" is expanded, "Load more…" for the next, the members of a conversation when it is
 * expanded, and the changes the commands make. What was loaded belongs to the application node it
 * was loaded for: a reloaded application (Refresh, key change) starts afresh.
 */
export class ApplicationConversations {
  private readonly groups: ApplicationGroups<ConversationsGroupNode, AppConversations>;

  constructor(private readonly s: Services) {
    this.groups = new ApplicationGroups(s, 'conversations', (app) => new ConversationsGroupNode(app));
  }

  /** The Conversation API client of the application. */
  async client(applicationId: string): Promise<ConversationsClient> {
    return this.s.session.conversations(this.s.session.baseUrl, applicationId, this.s.tree.findApplication(applicationId)?.app.name);
  }

  /** "Conversations" under every application. */
  readonly application: NodeExtension<ApplicationNode> = {
    children: (app) => [this.groups.groupOf(app)],
    forget: (app) => { this.groups.loaded.forget(app); },
  };

  readonly group: NodeExtension<ConversationsGroupNode> = {
    children: (group) => this.groupChildren(group),
  };

  readonly conversation: NodeExtension<ConversationNode> = {
    children: (node) => this.conversationChildren(node),
  };

  /** The conversations the view has loaded for the application (undefined: not loaded). */
  conversationsOf(applicationId: string): Conversation[] | undefined {
    return this.stateOf(applicationId)?.conversations;
  }

  /** A new conversation joins the list (when it is loaded) and "Conversations" re-renders. */
  added(applicationId: string, conversation: Conversation): void {
    const state = this.stateOf(applicationId);
    if (state && !state.conversations.some((c) => c.id === conversation.id)) state.conversations.push(conversation);
    this.refreshGroup(applicationId);
  }

  removed(applicationId: string, conversationId: string): void {
    const state = this.stateOf(applicationId);
    if (state) {
      state.conversations = state.conversations.filter((c) => c.id !== conversationId);
      state.members.delete(conversationId);
    }
    this.refreshGroup(applicationId);
  }

  /**
   * The members of a conversation changed: they are read again now (outside any VS Code request for
   * children), and "Conversations" re-renders with the new count and members.
   */
  membersChanged(applicationId: string, conversationId: string): Promise<void> {
    const state = this.stateOf(applicationId);
    state?.members.delete(conversationId);
    if (!state) return Promise.resolve();
    return this.client(applicationId)
      .then((client) => client.members(conversationId))
      .then((members) => { if (this.stateOf(applicationId) === state) state.members.set(conversationId, members); })
      .catch((e: unknown) => this.s.log.debug(`Reading the members of ${conversationId} again failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => this.refreshGroup(applicationId));
  }

  /** Re-reads the application's conversations (e.g. one was deleted elsewhere). */
  reload(applicationId: string): void {
    const app = this.s.tree.findApplication(applicationId);
    if (app) this.groups.loaded.forget(app);
    this.refreshGroup(applicationId);
  }

  /** Reveals the application's "Conversations", expanded (List Conversations by hand). */
  show(applicationId: string): Promise<void> {
    return this.groups.show(applicationId);
  }

  async loadMore(node: LoadMoreConversationsNode, signal?: AbortSignal): Promise<number> {
    const state = this.stateOf(node.parent.applicationId);
    if (!state || state.nextCursor !== node.cursor) return 0; // reloaded meanwhile: the fresh first page shows
    const page = await (await this.client(node.parent.applicationId)).listPage(node.cursor, signal);
    if (state.nextCursor !== node.cursor) return 0;
    const seen = new Set(state.conversations.map((c) => c.id));
    state.conversations.push(...page.items.filter((c) => !seen.has(c.id)));
    state.nextCursor = page.nextCursor;
    this.refreshGroup(node.parent.applicationId);
    return page.items.length;
  }

  private stateOf(applicationId: string): AppConversations | undefined {
    return this.groups.stateOf(applicationId);
  }

  private refreshGroup(applicationId: string): void {
    this.groups.refresh(applicationId);
  }

  private async groupChildren(group: ConversationsGroupNode): Promise<TreeNode[]> {
    if (!group.parent.hasKey) return [needsKeyNode(group)];
    let state: AppConversations;
    try {
      state = await this.groups.loaded.load(group.parent, () => this.firstPage(group.applicationId));
    } catch (e) {
      this.s.log.error(`Listing conversations of ${group.applicationId} failed`, e);
      return [MessageNode.error(group.parent, e instanceof Error ? e.message : String(e))];
    }
    const members = state.members;
    const children: TreeNode[] = state.conversations.map((c) => new ConversationNode(group, c, countOf(members.get(c.id))));
    if (state.nextCursor) children.push(new LoadMoreConversationsNode(group, state.nextCursor));
    return children.length ? children : [noConversationsNode(group)];
  }

  private async firstPage(applicationId: string): Promise<AppConversations> {
    const page = await (await this.client(applicationId)).listPage();
    return { conversations: page.items, nextCursor: page.nextCursor, members: new Map() };
  }

  private async conversationChildren(node: ConversationNode): Promise<TreeNode[]> {
    const applicationId = node.applicationId ?? '';
    const state = this.stateOf(applicationId);
    let members = state?.members.get(node.conversationId);
    if (!members) {
      try {
        members = await (await this.client(applicationId)).members(node.conversationId);
      } catch (e) {
        this.s.log.error(`Listing members of ${node.conversationId} failed`, e);
        return [new EventsNode(node), MessageNode.error(node, e instanceof Error ? e.message : String(e))];
      }
      // Not re-rendered now: a refresh while VS Code shows these children leaves stale rows behind (their
      // commands gone). The count shows on the conversation's row the next time "Conversations" renders.
      state?.members.set(node.conversationId, members);
    }
    return [new EventsNode(node), ...members.map((m) => new MemberNode(node, m))];
  }
}

/** Joined and invited members: who is (or may soon be) in the conversation. */
function countOf(members: Member[] | undefined): number | undefined {
  return members?.filter((m) => m.state === 'joined' || m.state === 'invited').length;
}

function needsKeyNode(group: ConversationsGroupNode): MessageNode {
  return new MessageNode(group, 'needsKey', "Conversations need this application's private key — import it", {
    icon: 'key',
    tooltip: "The Conversation API is called with a token signed by the application's private key, which this VS Code does not hold. Click to import it.",
    command: { command: 'vonage.importPrivateKey', title: 'Import Private Key', arguments: [group.parent] },
  });
}

function noConversationsNode(group: ConversationsGroupNode): MessageNode {
  return new MessageNode(group, 'noConversations', 'No conversations yet — create one', {
    icon: 'add', command: { command: 'vonage.createConversation', title: 'Create Conversation', arguments: [group] },
  });
}
