import type * as vscode from 'vscode';
import type { AccountStatus } from '../account/accountStatus';
import type { VonageSession } from '../../credentials/session';
import type { TreeNode } from '../../tree/treeNode';
import { type Balance, formatBalance, formatMonthlyCost, formatMsisdn } from '../../vonage/numbers';

/** A number someone looked at buying: the balance warns when it would not cover it. */
export interface WantedNumber { msisdn: string; country: string; cost?: string }

/**
 * The balance where a person looks: the Numbers view's description and the account's status-bar
 * tooltip (with a warning when it would not cover the number being bought). Read on demand — when
 * the Numbers view opens, by Vonage: Show Balance, and after every purchase or release.
 */
export class BalanceDisplay {
  constructor(
    private readonly session: VonageSession,
    private readonly status: AccountStatus,
    private readonly view: vscode.TreeView<TreeNode>,
  ) {}

  /** Reads the active account's balance and shows it. */
  async read(signal?: AbortSignal, wanted?: WantedNumber): Promise<Balance> {
    const baseUrl = this.session.baseUrl;
    const account = await this.session.store.getAccount(baseUrl);
    const balance = await (await this.session.account(baseUrl, this.session.restBaseUrl)).balance(signal);
    const warning = wanted && !covers(balance, wanted) ? notCovered(balance, wanted) : undefined;
    this.view.description = `${formatBalance(balance.value)}${warning ? ' — not enough for that number' : ''}`;
    if (account) this.status.setBalance({ baseUrl, apiKey: account.apiKey, text: `${formatBalance(balance.value)} (auto-reload ${balance.autoReload ? 'on' : 'off'})`, warning });
    return balance;
  }
}

/** Whether the balance pays the first month of the number. */
export function covers(balance: Balance, wanted: WantedNumber): boolean {
  const cost = Number(wanted.cost);
  return !Number.isFinite(cost) || balance.value >= cost;
}

export function notCovered(balance: Balance, wanted: WantedNumber): string {
  return `Your balance (${formatBalance(balance.value)}) does not cover ${formatMsisdn(wanted.msisdn)} (${formatMonthlyCost(wanted.cost)}): top up on the Vonage dashboard first.`;
}
