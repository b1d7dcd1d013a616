import vscode = require('vscode');
import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import { argsOf } from '../../ui/args';
import type { Services } from '../../services';
import { formatMsisdn } from '../../vonage/numbers';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { msisdnOf, ownedNumber, pickOwnedNumber, requireConfirm } from './numberArgs';
import { showNumberChange } from './numberChanges';
import type { NumbersFeature } from './numbersFeature';

const CANCEL_NUMBER = 'Cancel Number';

/**
 * Vonage: Cancel Number — `{ msisdn, confirm: true }` → `{ cancelled: true }`. Releases the number. Scripted, it
 * is refused unless `confirm: true`; by hand a modal says what is lost. Sent once: a lost answer is settled by
 * reading the owned numbers.
 */
export function registerCancelNumber(s: Services, n: NumbersFeature): void {
  registerCommand(s.context, 'vonage.cancelNumber', s, async (arg, inv) => {
    const args = argsOf(arg);
    if (inv.scripted) requireConfirm(args, 'Cancelling a number');
    let msisdn = msisdnOf(arg, args);
    await runWizard('Cancel Number', [
      {
        skip: () => msisdn !== undefined,
        run: async (info) => {
          msisdn = (await pickOwnedNumber(n, inv, info, 'Which number to cancel?')).msisdn;
        },
      },
    ]);
    if (!msisdn) throw new VonageInputError('Say which number to cancel (msisdn).', 'msisdn');
    const number = msisdn;
    const before = await ownedNumber(s, n, number);
    const shown = formatMsisdn(number);
    if (!inv.scripted) {
      const linked = before.applicationId ? ` It is linked to ${s.tree.findApplication(before.applicationId)?.app.name ?? before.applicationId}.` : '';
      const choice = await inv.ui.confirm(`Cancel ${shown}?`, `Vonage releases it: calls and messages to it stop, and someone else may buy it.${linked} This cannot be undone.`, CANCEL_NUMBER);
      if (choice !== CANCEL_NUMBER) throw new vscode.CancellationError();
    }
    const client = await s.session.numbers(s.session.baseUrl, s.session.restBaseUrl);
    const done = await withProgress(`Vonage: cancelling ${shown}…`, (signal) => client.cancel(before.country, number, signal));
    showNumberChange(s, n, { before, msisdn: number });
    s.log.info(`Cancelled ${number}${done.settledBy === 'reading' ? ': the answer was lost; reading the owned numbers shows it is gone' : ''}.`);
    await n.balance.read().catch((e: unknown) => s.log.error('Reading the balance after the cancel failed', e));
    if (!inv.scripted) {
      void inv.ui.info(done.settledBy === 'reading'
        ? `Vonage did not answer the cancel, but your numbers show ${shown} is gone: it was cancelled.`
        : `Cancelled ${shown}: it is no longer yours.`);
    }
    return { cancelled: true };
  });
}
