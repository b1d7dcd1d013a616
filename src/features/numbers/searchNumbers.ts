import vscode = require('vscode');
import { registerCommand, type Invocation } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { argsOf } from '../../ui/args';
import type { Services } from '../../services';
import { type AvailableNumber, type NumberSearch, formatMonthlyCost, formatMsisdn } from '../../vonage/numbers';
import { askSearch } from './searchSteps';

/**
 * Vonage: Search Numbers — `{ country, type?, features?, pattern? }` → `[{ msisdn, country, type, features, cost }]`.
 * By hand: country (the usual ones first), type, features, digits; the numbers found are listed with their
 * monthly price, and picking one goes on to buy it (after a confirmation that shows price and balance).
 */
export function registerSearchNumbers(s: Services): void {
  registerCommand(s.context, 'vonage.searchNumbers', s, async (arg, inv) => {
    const query = await askSearch(inv, argsOf(arg), 'Search Numbers');
    const found = await searchForSale(s, query);
    if (!inv.scripted) await offerToBuy(inv, query, found);
    return found;
  });
}

/** The numbers for sale that match, under a cancellable progress notification. */
export async function searchForSale(s: Services, query: NumberSearch): Promise<AvailableNumber[]> {
  const client = await s.session.numbers(s.session.baseUrl, s.session.restBaseUrl);
  return withProgress(`Vonage: searching numbers in ${query.country}…`, (signal) => client.search(query, signal));
}

/** Lists what was found; the one picked is bought through Buy Number (its confirmation shows price and balance). */
async function offerToBuy(inv: Invocation, query: NumberSearch, found: AvailableNumber[]): Promise<void> {
  if (!found.length) {
    void inv.ui.info(`No numbers for sale in ${query.country} match that search. Try another type, fewer features or no digits.`);
    return;
  }
  const picked = await pickForSale(inv, found, { title: 'Search Numbers' });
  await vscode.commands.executeCommand('vonage.buyNumber', { country: picked.country, msisdn: picked.msisdn, cost: picked.cost, interactive: true });
}

/** Asks which of the numbers found, each with its type, features and monthly price. */
export function pickForSale(inv: Invocation, found: AvailableNumber[], info: { title: string; step?: number; totalSteps?: number }): Promise<AvailableNumber> {
  return inv.ui.pick(found.map((a) => ({
    label: `$(device-mobile) ${formatMsisdn(a.msisdn)}`,
    description: `${formatMonthlyCost(a.cost)} · ${[a.type, a.features.join(', ')].filter(Boolean).join(' · ')}`,
    value: a,
  })), { ...info, placeholder: `${found.length} number${found.length === 1 ? '' : 's'} for sale: pick one to buy` });
}
