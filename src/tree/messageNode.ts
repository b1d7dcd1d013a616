import * as vscode from 'vscode';
import type { ApplicationNode } from '../features/applications/applicationNode';
import { TreeNode } from './treeNode';

export type MessageKind = 'empty' | 'error' | 'needsKey' | 'noUsers';

/** A state that would otherwise be a blank view: empty account, an error with retry, a missing key. */
export class MessageNode extends TreeNode {
  constructor(
    readonly parent: ApplicationNode | undefined,
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


  static empty(): MessageNode {
    return new MessageNode(undefined, 'empty', 'No applications yet — create one', {
      icon: 'add', command: { command: 'vonage.createApplication', title: 'Create Application' },
    });
  }

  static error(parent: ApplicationNode | undefined, message: string): MessageNode {
    const node: MessageNode = new MessageNode(parent, 'error', message, {
      icon: 'error', tooltip: `${message}\n\nClick to retry.`,
      command: { command: 'vonage.refresh', title: 'Retry', arguments: parent ? [parent] : [] },
    });
    return node;
  }

  static needsKey(parent: ApplicationNode): MessageNode {
    return new MessageNode(parent, 'needsKey', 'Users need this application\'s private key — import it', {
      icon: 'key',
      tooltip: 'Listing and creating users is signed with the application\'s private key, which this VS Code does not hold. Click to import it from a file or pasted text.',
      command: { command: 'vonage.importPrivateKey', title: 'Import Private Key', arguments: [parent] },
    });
  }

  static noUsers(parent: ApplicationNode): MessageNode {
    return new MessageNode(parent, 'noUsers', 'No users yet — create one', {
      icon: 'add', command: { command: 'vonage.createUser', title: 'Create User', arguments: [parent] },
    });
  }
}
