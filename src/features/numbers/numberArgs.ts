import { type Invocation, offerAction } from '../../ui/commandWrapper';
import type { StepInfo } from '../../ui/prompts';
import { type Args, optString } from '../../ui/args';
import type { Services } from '../../services';
import { type OwnedNumber, checkedMsisdn, formatMsisdn } from '../../vonage/numbers';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { NumberNode } from './numberNode';
import type { NumbersFeature } from './numbersFeature';

/** The number a command is about: a number node's, or `msisdn` (checked). */
export function msisdnOf(arg: unknown, args: Args): string | undefined {
  if (arg instanceof NumberNode) return arg.msisdn;
  const given = optString(args, 'msisdn');
  return given === undefined ? undefined : checkedMsisdn(given);
}

/** The owned number `msisdn`: from the view when it has read it, else asked of Vonage; a clear sentence when not ours. */
export async function ownedNumber(s: Services, n: NumbersFeature, msisdn: string, signal?: AbortSignal): Promise<OwnedNumber> {
  const known = n.tree.loaded()?.find((o) => o.msisdn === msisdn);
  if (known) return known;
  const client = await s.session.numbers(s.session.baseUrl, s.session.restBaseUrl);
  const found = await client.find(msisdn, signal);
  if (!found) throw new VonageInputError(`${formatMsisdn(msisdn)} is not one of your numbers. Refresh the Numbers view and pick one that is.`, 'msisdn');
  return found;
}

/** Asks which owned number (those `filter` keeps), with a clear sentence when there is none. */
export async function pickOwnedNumber(n: NumbersFeature, inv: Invocation, info: StepInfo, placeholder: string, filter: (o: OwnedNumber) => boolean = () => true): Promise<OwnedNumber> {
  const items = n.tree.owned().then((list) => {
    const offered = list.filter(filter);
    if (!list.length) throw offerAction(new VonageInputError('This account owns no numbers yet: buy one first.', 'msisdn'), 'Buy Number', 'vonage.buyNumber', {});
    if (!offered.length) throw new VonageInputError('None of your numbers can be picked for this.');
    return offered.map((o) => ({
      label: `$(device-mobile) ${formatMsisdn(o.msisdn)}`,
      description: [o.country, o.type, o.features.join(', ')].filter(Boolean).join(' · '),
      detail: o.applicationId ? `Linked to ${n.tree.applicationName(o.applicationId) ?? o.applicationId}` : 'Not linked',
      value: o,
    }));
  });
  return inv.ui.pick(items, { ...info, placeholder });
}

/** A scripted purchase or release spends money: it needs `confirm: true`, said plainly otherwise. */
export function requireConfirm(args: Args, what: string): void {
  if (args.confirm !== true) throw new VonageInputError(`${what} spends or releases money, so a scripted call must say confirm: true. Nothing was done.`, 'confirm');
}
