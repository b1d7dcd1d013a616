import vscode = require('vscode');
import { TreeNode } from '../../tree/treeNode';
import type { ApplicationNode } from '../applications/applicationNode';

/** "Conversations" under an application: its conversations, read page by page when expanded. */
export class ConversationsGroupNode extends TreeNode {
  constructor(readonly parent: ApplicationNode) {
    super('Conversations', vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `conversations:${parent.applicationId}`;
    this.contextValue = 'vonage.conversations';
    this.iconPath = new vscode.ThemeIcon('comment-discussion');
    this.tooltip = "The application's conversations (Conversation API): their members and events.";
  }

  override get applicationId(): string { return this.parent.applicationId; }
}

/** "Load more…" under "Conversations" while the API says there is a next page. */
export class LoadMoreConversationsNode extends TreeNode {
  constructor(readonly parent: ConversationsGroupNode, readonly cursor: string) {
    super('Load more…', vscode.TreeItemCollapsibleState.None);
    this.id = `more-conversations:${parent.applicationId}:${cursor}`;
    this.contextValue = 'vonage.loadMore';
    this.iconPath = new vscode.ThemeIcon('ellipsis');
    this.command = { command: 'vonage.loadMoreConversations', title: 'Load More Conversations', arguments: [this] };
  }
}
