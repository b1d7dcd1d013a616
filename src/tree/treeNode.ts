import vscode = require('vscode');

/** Base of every node in the Vonage views: a TreeItem that knows its parent (for reveal). */
export abstract class TreeNode extends vscode.TreeItem {
  abstract readonly parent: TreeNode | undefined;

  /** The application this node is about or under, if any (a command run from the node acts on it). */
  get applicationId(): string | undefined {
    return this.parent?.applicationId;
  }
}
