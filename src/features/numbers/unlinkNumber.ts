import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import { argsOf } from '../../ui/args';
import type { Services } from '../../services';
import { formatMsisdn } from '../../vonage/numbers';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { msisdnOf, ownedNumber, pickOwnedNumber } from './numberArgs';
import { showNumberChange } from './numberChanges';
import type { NumbersFeature } from './numbersFeature';

/**
 * Vonage: Unlink Number — `{ msisdn }` → `{ msisdn }`. The number stays yours with its other settings;
 * calls to it no longer reach the application.
 */
export function registerUnlinkNumber(s: Services, n: NumbersFeature): void {
  registerCommand(s.context, 'vonage.unlinkNumber', s, async (arg, inv) => {
    let msisdn = msisdnOf(arg, argsOf(arg));
    await runWizard('Unlink Number', [
      {
        skip: () => msisdn !== undefined,
        run: async (info) => {
          msisdn = (await pickOwnedNumber(n, inv, info, 'Which number?', (o) => o.applicationId !== undefined)).msisdn;
        },
      },
    ]);
    if (!msisdn) throw new VonageInputError('Say which number to unlink (msisdn).', 'msisdn');
    const number = msisdn;
    const before = await ownedNumber(s, n, number);
    const client = await s.session.numbers(s.session.baseUrl, s.session.restBaseUrl);
    const after = await withProgress(`Vonage: unlinking ${formatMsisdn(number)}…`, (signal) => client.unlink(number, signal));
    showNumberChange(s, n, { before, after, msisdn: number });
    s.log.info(`Unlinked ${number}${before.applicationId ? ` from application ${before.applicationId}` : ''}.`);
    if (!inv.scripted) void inv.ui.info(`Unlinked ${formatMsisdn(number)}: it is still yours, with its other settings.`);
    return { msisdn: number };
  });
}
