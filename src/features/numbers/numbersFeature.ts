import type * as vscode from 'vscode';
import type { TreeNode } from '../../tree/treeNode';
import type { BalanceDisplay } from './balanceDisplay';
import type { NumbersTree } from './numbersTree';

/** What the numbers commands share: the Numbers view, its tree, the balance shown. */
export interface NumbersFeature {
  readonly tree: NumbersTree;
  readonly view: vscode.TreeView<TreeNode>;
  readonly balance: BalanceDisplay;
}
