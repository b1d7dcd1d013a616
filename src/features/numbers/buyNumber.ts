import vscode = require('vscode');
import { registerCommand, type Invocation } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { type Args, argsOf, given, optString } from '../../ui/args';
import type { Services } from '../../services';
import type { NumberChange } from '../../vonage';
import { type AvailableNumber, checkedCountry, checkedMsisdn, formatBalance, formatMonthlyCost, formatMsisdn } from '../../vonage/numbers';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { covers, notCovered } from './balanceDisplay';
import { requireConfirm } from './numberArgs';
import type { NumbersFeature } from './numbersFeature';
import { askSearch } from './searchSteps';
import { pickForSale, searchForSale } from './searchNumbers';

const BUY = 'Buy';
const LINK = 'Link to Application';

/**
 * Vonage: Buy Number — `{ country, msisdn, confirm: true }` → `{ msisdn, country, settledBy }`. Scripted, it is
 * refused unless `confirm: true`. By hand: search, pick, then a modal naming the number, its monthly price and
 * the balance (read fresh; a balance that does not cover it stops here). Sent once: when the answer is lost,
 * the owned numbers say whether it was bought (never a second purchase).
 */
export function registerBuyNumber(s: Services, n: NumbersFeature): void {
  registerCommand(s.context, 'vonage.buyNumber', s, async (arg, inv) => {
    const args = argsOf(arg);
    if (inv.scripted) {
      requireConfirm(args, 'Buying a number');
      return buy(s, n, checkedCountry(args.country), checkedMsisdn(optString(args, 'msisdn')));
    }
    const wanted = await chooseNumber(s, inv, args);
    await confirmPurchase(n, inv, wanted);
    const bought = await buy(s, n, wanted.country, wanted.msisdn);
    tellBought(s, n, inv, wanted, bought);
    return bought;
  });
}

/** The number to buy: given (from a search's pick), or searched for and picked now. */
async function chooseNumber(s: Services, inv: Invocation, args: Args): Promise<AvailableNumber> {
  if (given(args, 'msisdn') || (args.interactive === true && args.msisdn !== undefined)) {
    const country = checkedCountry(args.country);
    const msisdn = checkedMsisdn(optString(args, 'msisdn'));
    const cost = optString(args, 'cost') ?? await priceOf(s, country, msisdn);
    return { country, msisdn, cost, features: [] };
  }
  const query = await askSearch(inv, args, 'Buy Number');
  const found = await searchForSale(s, query);
  if (!found.length) throw new VonageInputError(`No numbers for sale in ${query.country} match that search. Try another type, fewer features or no digits.`);
  return pickForSale(inv, found, { title: 'Buy Number' });
}

/** The monthly price of a number for sale (asked of Vonage when the caller did not bring it). */
async function priceOf(s: Services, country: string, msisdn: string): Promise<string> {
  const found = await searchForSale(s, { country, pattern: msisdn });
  const match = found.find((a) => a.msisdn === msisdn);
  if (!match?.cost) throw new VonageInputError(`${formatMsisdn(msisdn)} is not for sale (any more): nothing was bought. Search again and pick another.`, 'msisdn');
  return match.cost;
}

/** The modal with the number, its price and the balance (read now); no purchase when the balance does not cover it. */
async function confirmPurchase(n: NumbersFeature, inv: Invocation, wanted: AvailableNumber): Promise<void> {
  const balance = await withProgress('Vonage: reading your balance…', (signal) => n.balance.read(signal, wanted));
  if (!covers(balance, wanted)) throw new VonageInputError(`${notCovered(balance, wanted)} Nothing was bought.`, 'msisdn');
  const shown = formatMsisdn(wanted.msisdn);
  const choice = await inv.ui.confirm(`Buy ${shown} for ${formatMonthlyCost(wanted.cost)}?`,
    `Vonage charges the first month from your balance (${formatBalance(balance.value)}) now, and then every month until you cancel the number (Vonage: Cancel Number).`, BUY);
  if (choice !== BUY) throw new vscode.CancellationError();
}

/** Sends the purchase once; the view and the balance follow. */
async function buy(s: Services, n: NumbersFeature, country: string, msisdn: string): Promise<NumberChange> {
  const client = await s.session.numbers(s.session.baseUrl, s.session.restBaseUrl);
  const bought = await withProgress(`Vonage: buying ${formatMsisdn(msisdn)}…`, (signal) => client.buy(country, msisdn, signal));
  s.log.info(`Bought ${msisdn} (${country})${bought.settledBy === 'reading' ? ': the answer was lost; reading the owned numbers shows it is ours' : ''}.`);
  n.tree.reload();
  await n.balance.read().catch((e: unknown) => s.log.error('Reading the balance after the purchase failed', e));
  return bought;
}

function tellBought(s: Services, n: NumbersFeature, inv: Invocation, wanted: AvailableNumber, bought: NumberChange): void {
  const shown = formatMsisdn(bought.msisdn);
  const text = bought.settledBy === 'reading'
    ? `Vonage did not answer the purchase, but your numbers show ${shown} is yours now: it was bought once (${formatMonthlyCost(wanted.cost)}).`
    : `Bought ${shown} (${formatMonthlyCost(wanted.cost)}). ${n.view.description ? `Balance now ${String(n.view.description)}.` : ''}`;
  void inv.ui.info(text.trim(), LINK).then(async (choice) => {
    if (choice === LINK) await vscode.commands.executeCommand('vonage.linkNumber', { msisdn: bought.msisdn, interactive: true });
  }).then(undefined, (e: unknown) => s.log.error('Linking the new number failed', e));
}
