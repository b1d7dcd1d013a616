import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import { argsOf } from '../../ui/args';
import type { Services } from '../../services';
import { formatMsisdn } from '../../vonage/numbers';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { applicationIdOf, pickApplication } from '../applications/applicationArgs';
import { msisdnOf, ownedNumber, pickOwnedNumber } from './numberArgs';
import { showNumberChange } from './numberChanges';
import { NumberNode } from './numberNode';
import type { NumbersFeature } from './numbersFeature';

/**
 * Vonage: Link Number to Application — `{ msisdn, applicationId }` → `{ msisdn, applicationId }`. From a number,
 * asks which application; from an application (or its "Numbers"), asks which number. The number's other
 * settings (SMS webhook, voice forwarding, status callback) are kept. An application deleted meanwhile is
 * refused before anything is sent.
 */
export function registerLinkNumber(s: Services, n: NumbersFeature): void {
  registerCommand(s.context, 'vonage.linkNumber', s, async (arg, inv) => {
    const args = argsOf(arg);
    const baseUrl = s.session.baseUrl;
    const given = msisdnOf(arg, args);
    let number = arg instanceof NumberNode ? arg.number : given === undefined ? undefined : await ownedNumber(s, n, given);
    let applicationId = arg instanceof NumberNode ? undefined : applicationIdOf(arg);
    await runWizard('Link Number to Application', [
      {
        skip: () => number !== undefined,
        run: async (info) => {
          number = await pickOwnedNumber(n, inv, info, 'Which number?', (o) => o.applicationId === undefined || o.applicationId !== applicationId);
        },
      },
      {
        skip: () => applicationId !== undefined,
        run: async (info) => {
          applicationId = (await pickApplication(s, inv, info, `Link ${formatMsisdn(number!.msisdn)} to which application?`)).id;
        },
      },
    ]);
    if (!number) throw new VonageInputError('Say which number to link (msisdn).', 'msisdn');
    if (!applicationId) throw new VonageInputError('Say which application to link it to (applicationId).', 'applicationId');
    const before = number;
    const msisdn = before.msisdn;
    const appId = applicationId;
    const appName = await existingApplicationName(s, baseUrl, appId, formatMsisdn(msisdn));
    const client = await s.session.numbers(baseUrl, s.session.restBaseUrl);
    const after = await withProgress(`Vonage: linking ${formatMsisdn(msisdn)} to "${appName}"…`, (signal) => client.link(msisdn, appId, signal));
    showNumberChange(s, n, { before, after, msisdn });
    s.log.info(`Linked ${msisdn} to application ${appId}.`);
    if (!inv.scripted) void inv.ui.info(`Linked ${formatMsisdn(msisdn)} to "${appName}": calls to it reach the application's voice answer URL.`);
    return { msisdn, applicationId: appId };
  });
}

/** The application's name, read fresh: one deleted meanwhile is refused before anything is sent (and leaves the view). */
async function existingApplicationName(s: Services, baseUrl: string, applicationId: string, shown: string): Promise<string> {
  const client = await s.session.applications(baseUrl);
  try {
    return (await client.get(applicationId)).name;
  } catch (e) {
    if ((e as { kind?: unknown }).kind !== 'notFound') throw e;
    const known = s.tree.findApplication(applicationId)?.app.name;
    s.tree.removeApplication(applicationId);
    throw new VonageInputError(`The application ${known ? `"${known}"` : applicationId} no longer exists (deleted elsewhere?), so ${shown} was not linked; nothing was changed. Refresh the Applications view and pick another.`, 'applicationId');
  }
}
