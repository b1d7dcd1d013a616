import vscode = require('vscode');
import { TreeNode } from './treeNode';

/** What the message says: features add their own kinds ('noUsers', 'needsKey', …). 'error' is red and retries. */
export type MessageKind = string;

/** A state that would otherwise be a blank view or a blank branch: empty, an error with retry, a missing key. */
export class MessageNode extends TreeNode {
  constructor(
    readonly parent: TreeNode | undefined,
    readonly kind: MessageKind,
    label: string,
    opts: { icon: string; tooltip?: string; command?: vscode.Command },
  ) {
    super(label, vscode.TreeItemCollapsibleState.None);
    this.contextValue = `vonage.message.${kind}`;
    this.iconPath = new vscode.ThemeIcon(opts.icon, kind === 'error' ? new vscode.ThemeColor('errorForeground') : undefined);
    this.tooltip = opts.tooltip ?? label;
    this.command = opts.command;
  }

  /** A failed load under `parent` (or at the root): the message, and a click retries (Vonage: Refresh). */
  static error(parent: TreeNode | undefined, message: string): MessageNode {
    return new MessageNode(parent, 'error', message, {
      icon: 'error', tooltip: `${message}\n\nClick to retry.`,
      command: { command: 'vonage.refresh', title: 'Retry', arguments: parent ? [parent] : [] },
    });
  }
}
