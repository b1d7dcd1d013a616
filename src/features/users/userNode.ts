import vscode = require('vscode');
import type { User } from '../../vonage';
import type { ApplicationNode } from '../applications/applicationNode';
import { TreeNode } from '../../tree/treeNode';

/** One user of an application. */
export class UserNode extends TreeNode {
  constructor(readonly parent: ApplicationNode, readonly user: User) {
    super(user.name, vscode.TreeItemCollapsibleState.None);
    this.id = `user:${parent.applicationId}:${user.id}`;
    this.description = user.display_name && user.display_name !== user.name ? user.display_name : undefined;
    this.contextValue = 'vonage.user';
    this.iconPath = new vscode.ThemeIcon('person');
    this.tooltip = userTooltip(user);
  }

  /** True once the full user (GET) was read for the tooltip. */
  resolved = false;

  /** Shows what the full user carries (image URL, custom data) in the tooltip. */
  setDetails(full: User): void {
    this.resolved = true;
    this.tooltip = userTooltip(full);
  }

  override get applicationId(): string { return this.parent.applicationId; }
}

/** Escapes what would turn a name into markup (emphasis, links, code, HTML). */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, '\\$&');
}

/** Name, display name, image URL, custom data (when known) and id. */
export function userTooltip(user: User): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escape(user.name)}**\n\n`);
  md.appendMarkdown(`Display name: ${user.display_name ? escape(user.display_name) : '—'}\n\n`);
  if (user.image_url) md.appendMarkdown(`Image URL: \`${user.image_url.replace(/`/g, '%60')}\`\n\n`);
  const custom = (user.properties as { custom_data?: unknown } | undefined)?.custom_data;
  if (custom !== undefined) md.appendMarkdown(`Custom data: \`${JSON.stringify(custom).replace(/`/g, "'")}\`\n\n`);
  md.appendMarkdown(`User ID: \`${user.id}\``);
  return md;
}
