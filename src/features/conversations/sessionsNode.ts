import vscode = require('vscode');
import { TreeNode } from '../../tree/treeNode';

/** Under a user: whether the user's app is logged in now ("online · 1 session"). */
export class SessionsNode extends TreeNode {
  constructor(readonly parent: TreeNode, summary: string, count: number) {
    super(summary, vscode.TreeItemCollapsibleState.None);
    this.id = `sessions:${parent.id ?? ''}`;
    this.contextValue = 'vonage.sessions';
    this.iconPath = new vscode.ThemeIcon(count ? 'circle-filled' : 'circle-outline', count ? new vscode.ThemeColor('testing.iconPassed') : undefined);
    this.tooltip = count
      ? `The user's Client SDK app is logged in: ${summary.replace('online · ', '')} open at Vonage.`
      : 'No live session: no Client SDK app is logged in as this user right now.';
  }
}
