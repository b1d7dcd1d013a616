import vscode = require('vscode');
import type { Member } from '../../vonage/conversations';
import { TreeNode } from '../../tree/treeNode';
import type { ConversationNode } from './conversationNode';

const ICONS: Record<Member['state'], [string, string | undefined]> = {
  joined: ['pass-filled', 'testing.iconPassed'],
  invited: ['mail', 'charts.yellow'],
  left: ['circle-slash', 'disabledForeground'],
  unknown: ['question', undefined],
};

/** A member of a conversation: the user's name, the state as an icon and a word. */
export class MemberNode extends TreeNode {
  constructor(readonly parent: ConversationNode, readonly member: Member) {
    super(member.user.name || member.user.id || member.id, vscode.TreeItemCollapsibleState.None);
    this.id = `member:${parent.id ?? ''}:${member.id}`;
    this.contextValue = `vonage.member.${member.state}`;
    const [icon, color] = ICONS[member.state];
    this.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    this.description = member.state;
    this.tooltip = `${member.user.name} (${member.user.id}) — ${member.state}\nMember ID: ${member.id}`;
  }

  get conversationId(): string { return this.parent.conversationId; }
}
