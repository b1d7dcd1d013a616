import vscode = require('vscode');
import type { ApplicationNode } from '../applications/applicationNode';
import { TreeNode } from '../../tree/treeNode';

/** "Load more…": shown under an application while the users API says there is a next page. */
export class LoadMoreNode extends TreeNode {
  constructor(readonly parent: ApplicationNode, readonly cursor: string) {
    super('Load more…', vscode.TreeItemCollapsibleState.None);
    this.id = `more:${parent.applicationId}:${cursor}`;
    this.contextValue = 'vonage.loadMore';
    this.iconPath = new vscode.ThemeIcon('ellipsis');
    this.command = { command: 'vonage.loadMoreUsers', title: 'Load More Users', arguments: [this] };
  }
}
