import * as vscode from 'vscode';
import type { User } from '../vonage';
import type { ApplicationNode } from './applicationNode';
import { TreeNode } from './treeNode';

/** One user of an application. */
export class UserNode extends TreeNode {
  constructor(readonly parent: ApplicationNode, readonly user: User) {
    super(user.name, vscode.TreeItemCollapsibleState.None);
    this.id = `user:${parent.applicationId}:${user.id}`;
    this.description = user.display_name && user.display_name !== user.name ? user.display_name : undefined;
    this.contextValue = 'vonage.user';
    this.iconPath = new vscode.ThemeIcon('person');
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${user.name}**\n\n`);
    md.appendMarkdown(`Display name: ${user.display_name ?? '—'}\n\n`);
    md.appendMarkdown(`User ID: \`${user.id}\``);
    this.tooltip = md;
  }

  get applicationId(): string { return this.parent.applicationId; }
}
