import vscode = require('vscode');
import type { Services } from '../../services';
import type { TreeNode } from '../../tree/treeNode';
import { ApplicationNode } from '../applications/applicationNode';
import { BalanceDisplay } from './balanceDisplay';
import { registerBuyNumber } from './buyNumber';
import { registerCancelNumber } from './cancelNumber';
import { LinkedNumbersNode, linkedNumbers } from './linkedNumbers';
import { registerLinkNumber } from './linkNumber';
import { registerListNumbers } from './listNumbers';
import type { NumbersFeature } from './numbersFeature';
import { NumbersTree } from './numbersTree';
import { registerSearchNumbers } from './searchNumbers';
import { registerShowBalance } from './showBalance';
import { registerUnlinkNumber } from './unlinkNumber';

/** Numbers: the Numbers view, the numbers linked under each application, search/buy/link/unlink/cancel, the balance. */
export function registerNumbersFeature(s: Services): NumbersFeature {
  const tree = new NumbersTree(s.session, s.log);
  const view = s.shell.numbers.view;
  tree.view = view;
  s.shell.numbers.provide(tree);
  tree.applicationName = (id) => s.tree.findApplication(id)?.app.name;
  const n = { tree, view, balance: new BalanceDisplay(s.session, s.accountStatus, view) };
  tree.onRootLoaded = () => { n.balance.read().catch((e: unknown) => s.log.debug(`Reading the balance failed: ${e instanceof Error ? e.message : String(e)}`)); };
  const extensions = linkedNumbers(tree);
  s.context.subscriptions.push(
    tree,
    s.tree.extend(ApplicationNode, extensions.application),
    s.tree.extend(LinkedNumbersNode, extensions.group),
    s.store.onDidChange((change) => { if (change.kind === 'account' && change.baseUrl === s.session.baseUrl) resetForAccount(n); }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('vonage.apiBaseUrl') || e.affectsConfiguration('vonage.restBaseUrl')) resetForAccount(n);
    }),
    vscode.commands.registerCommand('vonage.refreshNumbers', () => tree.reload()),
  );
  registerShowBalance(s, n);
  registerSearchNumbers(s);
  registerBuyNumber(s, n);
  registerListNumbers(s, n);
  registerLinkNumber(s, n);
  registerUnlinkNumber(s, n);
  registerCancelNumber(s, n);
  return n;
}

/** Another account or host: its numbers and balance are read again when shown. */
function resetForAccount(n: { tree: NumbersTree; view: vscode.TreeView<TreeNode> }): void {
  n.view.description = undefined;
  n.tree.reload();
}
