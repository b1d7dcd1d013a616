import * as vscode from 'vscode';

/** Base of every node in the Applications view: a TreeItem that knows its parent (for reveal). */
export abstract class TreeNode extends vscode.TreeItem {
  abstract readonly parent: TreeNode | undefined;
}
