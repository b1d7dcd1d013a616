import vscode = require('vscode');
import { accountDisplay } from '../../credentials/accounts';
import type { CredentialStore } from '../../credentials/credentialStore';
import type { Log } from '../../ui/log';

/**
 * The active account where a person looks: a status-bar item ("$(account) Personal (a1b2c3d4)", which
 * switches accounts) and the Applications view's description. Label and API key only, read from the list
 * kept without secrets (CredentialStore.accountLabels): no secret is ever read for it. Nothing is read at
 * activation: fillSoon() reads once right after it (the view may stay closed), then refresh() runs when the
 * view loads and whenever accounts change.
 */
export class AccountStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('vonage.account', vscode.StatusBarAlignment.Left, 10);
  private version = 0;
  private fillTimer?: ReturnType<typeof setTimeout>;
  /** What the item shows now (undefined: hidden, no account): for the tests, which cannot read the status bar. */
  shown?: { text: string; tooltip: string };
  view?: vscode.TreeView<unknown>;
  /** The balance read last (Numbers), shown in the tooltip while its account is the active one. */
  private balance?: AccountBalance;

  constructor(private readonly store: CredentialStore, private readonly baseUrl: () => string, private readonly log: Log) {
    this.item.name = 'Vonage Account';
    this.item.command = 'vonage.switchAccount';
  }

  dispose(): void { clearTimeout(this.fillTimer); this.item.dispose(); }

  /** Shows the balance of an account in the tooltip (undefined: forget it); the latest reading wins. */
  setBalance(balance: AccountBalance | undefined): void {
    this.balance = balance;
    this.update();
  }

  /** Fills the item once, just after activation returns (activation itself reads nothing). */
  fillSoon(): void {
    this.fillTimer = setTimeout(() => this.update(), 0);
  }

  /** Re-reads the active account of the configured host (the latest call wins when two overlap). */
  async refresh(): Promise<void> {
    const mine = ++this.version;
    const baseUrl = this.baseUrl();
    const accounts = await this.store.accountLabels(baseUrl) ?? [];
    if (mine !== this.version) return;
    const active = accounts.find((a) => a.active);
    if (!active) {
      this.shown = undefined;
      this.item.hide();
      if (this.view) this.view.description = undefined;
      return;
    }
    const display = accountDisplay(active);
    const others = accounts.length - 1;
    const switching = `Vonage account ${display} at ${baseUrl}. ${others ? `Click to switch to one of the ${others} other account${others === 1 ? '' : 's'} stored for this host.` : 'Click to add another account.'}`;
    const b = this.balance;
    const balance = b && b.baseUrl === baseUrl && b.apiKey === active.apiKey ? `\nBalance: ${b.text}.${b.warning ? `\n⚠ ${b.warning}` : ''}` : '';
    const tooltip = `${switching}${balance}`;
    this.shown = { text: `$(account) ${display}`, tooltip };
    this.item.text = this.shown.text;
    this.item.tooltip = tooltip;
    this.item.show();
    if (this.view) this.view.description = display;
  }

  /** refresh() for event handlers: a failure goes to the log. */
  update(): void {
    this.refresh().then(undefined, (e: unknown) => this.log.error('Showing the active Vonage account failed', e));
  }
}

/** An account's balance as a person reads it, and a warning when it would not cover a purchase. */
export interface AccountBalance {
  readonly baseUrl: string;
  readonly apiKey: string;
  /** "€8.75 (auto-reload off), read 14:02". */
  readonly text: string;
  readonly warning?: string;
}
