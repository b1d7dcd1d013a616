import vscode = require('vscode');
import type { NodeExtension } from '../../tree/composedTree';
import { MessageNode } from '../../tree/messageNode';
import { TreeNode } from '../../tree/treeNode';
import type { ApplicationNode } from '../applications/applicationNode';
import { NumberNode } from './numberNode';
import type { NumbersTree } from './numbersTree';

/** "Numbers" under an application: the numbers linked to it, read on expand (from the account's one list). */
export class LinkedNumbersNode extends TreeNode {
  constructor(readonly parent: ApplicationNode) {
    super('Numbers', vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `numbers:${parent.applicationId}`;
    this.contextValue = 'vonage.applicationNumbers';
    this.iconPath = new vscode.ThemeIcon('call-incoming');
    this.tooltip = 'The Vonage numbers linked to this application: calls to them reach its voice answer URL.';
  }

  override get applicationId(): string { return this.parent.applicationId; }
}

/** Hangs "Numbers" under every application, and the linked numbers under it. */
export function linkedNumbers(numbers: NumbersTree): { application: NodeExtension<ApplicationNode>; group: NodeExtension<LinkedNumbersNode> } {
  return {
    application: { children: (app) => [new LinkedNumbersNode(app)] },
    group: {
      children: async (group) => {
        try {
          const linked = (await numbers.owned()).filter((n) => n.applicationId === group.applicationId);
          return linked.length ? linked.map((n) => new NumberNode(group, n, () => group.parent.app.name)) : [noneLinked(group)];
        } catch (e) {
          return [MessageNode.error(group, e instanceof Error ? e.message : String(e))];
        }
      },
    },
  };
}

function noneLinked(group: LinkedNumbersNode): MessageNode {
  return new MessageNode(group, 'noLinkedNumbers', 'No numbers linked — link one', {
    icon: 'link', command: { command: 'vonage.linkNumber', title: 'Link a Number', arguments: [group] },
  });
}
