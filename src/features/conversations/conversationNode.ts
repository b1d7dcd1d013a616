import vscode = require('vscode');
import type { Conversation } from '../../vonage/conversations';
import { TreeNode } from '../../tree/treeNode';

/** One conversation: its display name, and (once its members were read) how many are joined or invited. */
export class ConversationNode extends TreeNode {
  constructor(readonly parent: TreeNode, readonly conversation: Conversation, memberCount?: number) {
    super(conversation.displayName || conversation.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `conversation:${parent.id ?? ''}:${conversation.id}`;
    this.contextValue = 'vonage.conversation';
    this.iconPath = new vscode.ThemeIcon('comment-discussion');
    this.description = conversationDescription(conversation, memberCount);
    this.tooltip = conversationTooltip(conversation);
  }

  get conversationId(): string { return this.conversation.id; }
}

/** "support-chat · 3 members": the name when the display name differs, then the member count when known. */
export function conversationDescription(c: Conversation, memberCount?: number): string | undefined {
  const parts: string[] = [];
  if (c.displayName && c.displayName !== c.name) parts.push(c.name);
  if (memberCount !== undefined) parts.push(`${memberCount} member${memberCount === 1 ? '' : 's'}`);
  return parts.length ? parts.join(' · ') : undefined;
}

function conversationTooltip(c: Conversation): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendText(c.displayName || c.name);
  md.appendMarkdown('\n\n');
  md.appendText(`Name: ${c.name}`);
  md.appendMarkdown('\n\n');
  if (c.created) md.appendText(`Created: ${c.created}\n\n`);
  md.appendMarkdown(`Conversation ID: \`${c.id}\``);
  return md;
}
