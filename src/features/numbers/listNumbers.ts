import vscode = require('vscode');
import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import type { Services } from '../../services';
import type { NumbersFeature } from './numbersFeature';

/**
 * Vonage: List Numbers — `{}` → `[{ msisdn, country, type, features, applicationId? }]`: every owned number
 * (every page), read fresh. By hand it also shows them in the Numbers view.
 */
export function registerListNumbers(s: Services, n: NumbersFeature): void {
  registerCommand(s.context, 'vonage.listNumbers', s, async (_arg, inv) => {
    n.tree.reload();
    const list = await withProgress('Vonage: reading your numbers…', () => n.tree.owned());
    if (!inv.scripted) await vscode.commands.executeCommand('vonage.numbers.focus');
    return list.map((o) => ({ msisdn: o.msisdn, country: o.country, type: o.type, features: o.features, ...(o.applicationId ? { applicationId: o.applicationId } : {}) }));
  });
}
