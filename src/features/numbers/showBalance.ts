import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import type { Services } from '../../services';
import { formatBalance } from '../../vonage/numbers';
import type { NumbersFeature } from './numbersFeature';

/** Vonage: Show Balance — `{}` → `{ value, autoReload }`; also shown in the status-bar tooltip and the Numbers view. */
export function registerShowBalance(s: Services, n: NumbersFeature): void {
  registerCommand(s.context, 'vonage.balance', s, async (_arg, inv) => {
    const balance = await withProgress('Vonage: reading your balance…', (signal) => n.balance.read(signal));
    if (!inv.scripted) void inv.ui.info(`Your Vonage balance is ${formatBalance(balance.value)} (auto-reload ${balance.autoReload ? 'on' : 'off'}).`);
    return balance;
  });
}
