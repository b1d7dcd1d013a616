import vscode = require('vscode');
import type { TreeNode } from './treeNode';

/** How many change events `ComposedTree.changes` keeps. */
export const CHANGES_KEPT = 200;

/**
 * What a feature adds to a kind of node it does not own: children (the users of an application,
 * its conversations, its numbers), how to forget them on reload, and tooltip details read on hover.
 */
export interface NodeExtension<N extends TreeNode> {
  /** The children this feature shows under `node`, in the order the features were registered. */
  children?(node: N): TreeNode[] | Promise<TreeNode[]>;
  /** Drops what was loaded under `node`, so the next `children(node)` fetches it again. */
  forget?(node: N): void;
  /** Fills in what only a further read has (a full user for its tooltip), when the row is hovered. */
  resolve?(node: N, token: vscode.CancellationToken): Promise<void>;
}

type NodeClass<N extends TreeNode> = abstract new (...args: never[]) => N;

/**
 * The TreeDataProvider shell of a Vonage view. One EventEmitter; `refresh(node)` re-renders only that
 * node. The view's owner supplies the root; every feature extends the nodes it wants to hang things
 * under (`extend(ApplicationNode, …)`), so no node class needs to know the features below it.
 */
export abstract class ComposedTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** For tests: which node each of the last CHANGES_KEPT change events named ('root' or the node's id). */
  readonly changes: string[] = [];
  /** How many change events there were in all (`changes` keeps only the last CHANGES_KEPT). */
  changeCount = 0;
  view?: vscode.TreeView<TreeNode>;
  private readonly extensions: { nodeClass: NodeClass<TreeNode>; extension: NodeExtension<TreeNode> }[] = [];

  constructor(protected readonly log: { debug(message: string): void }) {}

  dispose(): void { this.emitter.dispose(); }

  /** Adds a feature's children (and forget/resolve) to every node of `nodeClass`. */
  extend<N extends TreeNode>(nodeClass: NodeClass<N>, extension: NodeExtension<N>): vscode.Disposable {
    const entry = { nodeClass, extension: extension as NodeExtension<TreeNode> };
    this.extensions.push(entry);
    return new vscode.Disposable(() => {
      const i = this.extensions.indexOf(entry);
      if (i >= 0) this.extensions.splice(i, 1);
    });
  }

  /** A node some feature hangs children under is expandable, even when its own class made it a leaf. */
  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (node.collapsibleState === vscode.TreeItemCollapsibleState.None && this.extensionsOf(node).some((e) => 'children' in e)) {
      node.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
    }
    return node;
  }

  getParent(node: TreeNode): TreeNode | undefined { return node.parent; }

  async resolveTreeItem(_item: vscode.TreeItem, node: TreeNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    for (const e of this.extensionsOf(node)) {
      try {
        await e.resolve?.(node, token);
      } catch (err) {
        this.log.debug(`Resolving the tooltip of ${String(node.id)} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return node;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.rootChildren();
    const lists = await Promise.all(this.extensionsOf(node).map(async (e) => await e.children?.(node) ?? []));
    return lists.flat();
  }

  /** Re-renders one node (or the whole view) from what is already loaded. */
  refresh(node?: TreeNode): void {
    this.changes.push(node ? String(node.id) : 'root');
    if (this.changes.length > CHANGES_KEPT) this.changes.splice(0, this.changes.length - CHANGES_KEPT); // a long session must not grow it forever
    this.changeCount++;
    this.emitter.fire(node);
  }

  /** For tests: the change events since `changeCount` was `count`. */
  changesSince(count: number): string[] {
    const n = this.changeCount - count;
    if (n > this.changes.length) throw new Error(`${n} changes happened since, but only the last ${this.changes.length} are kept.`);
    return n > 0 ? this.changes.slice(-n) : [];
  }

  /** Forgets what the features loaded under `node` and re-renders it, so it is fetched again. */
  protected forgetUnder(node: TreeNode): void {
    for (const e of this.extensionsOf(node)) e.forget?.(node);
    this.refresh(node);
  }

  async reveal(node: TreeNode): Promise<void> {
    try {
      await this.view?.reveal(node, { select: true, focus: false, expand: false });
    } catch (e) {
      this.log.debug(`reveal failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  protected abstract rootChildren(): Promise<TreeNode[]>;

  private extensionsOf(node: TreeNode): NodeExtension<TreeNode>[] {
    return this.extensions.filter((e) => node instanceof e.nodeClass).map((e) => e.extension);
  }
}
