import vscode = require('vscode');
import { TreeNode } from '../../tree/treeNode';
import type { ConversationNode } from './conversationNode';

/** "Events": opens the conversation's timeline, a read-only document (newest last). */
export class EventsNode extends TreeNode {
  constructor(readonly parent: ConversationNode) {
    super('Events', vscode.TreeItemCollapsibleState.None);
    this.id = `events:${parent.id ?? ''}`;
    this.contextValue = 'vonage.events';
    this.iconPath = new vscode.ThemeIcon('history');
    this.tooltip = 'Open the timeline of this conversation: newest last, older pages on demand.';
    this.command = { command: 'vonage.listEvents', title: 'Open Events', arguments: [this] };
  }

  get conversationId(): string { return this.parent.conversationId; }
}
