import vscode = require('vscode');
import type { TreeNode } from '../tree/treeNode';

/**
 * A Vonage view made at activation, before the feature that fills it has loaded. Its provider asks
 * `load()` for the real one on its first call (VS Code calls getChildren only when the view is shown),
 * and forwards every call and change event to it from then on.
 */
export class DeferredTreeView implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  readonly view: vscode.TreeView<TreeNode>;
  private target?: vscode.TreeDataProvider<TreeNode>;
  private readonly changed = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private forwarding?: vscode.Disposable;

  constructor(viewId: string, options: { showCollapseAll?: boolean }, private readonly load: () => void) {
    this.view = vscode.window.createTreeView(viewId, { ...options, treeDataProvider: this });
  }

  /** The feature's own provider: from now on it answers for this view. */
  provide(target: vscode.TreeDataProvider<TreeNode>): void {
    this.target = target;
    this.forwarding = target.onDidChangeTreeData?.((e) => this.changed.fire(e));
    this.changed.fire();
  }

  getTreeItem(node: TreeNode): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.provider().getTreeItem(node);
  }

  getChildren(node?: TreeNode): vscode.ProviderResult<TreeNode[]> {
    return this.provider().getChildren(node);
  }

  getParent(node: TreeNode): vscode.ProviderResult<TreeNode> {
    return this.provider().getParent?.(node);
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode, token: vscode.CancellationToken): vscode.ProviderResult<vscode.TreeItem> {
    const target = this.provider();
    return target.resolveTreeItem ? target.resolveTreeItem(item, node, token) : item;
  }

  dispose(): void {
    this.forwarding?.dispose();
    this.changed.dispose();
    this.view.dispose();
  }

  private provider(): vscode.TreeDataProvider<TreeNode> {
    if (!this.target) this.load();
    if (!this.target) throw new Error(`The Vonage features loaded without a provider for ${this.view.title ?? 'a view'}.`);
    return this.target;
  }
}
