import vscode = require('vscode');
import { isInEditor } from '../../../workspace/workspaceFiles';
import { localTime, tokenDescription } from './tokenText';
import type { TokenInDocument, TokensInDocument } from './tokensInDocument';

/** The diagnostic codes of the token lens (the quick fixes look for them). */
export const TOKEN_DIAGNOSTIC = {
  expired: 'token-expired',
  expiringSoon: 'token-expiring-soon',
  notYetValid: 'token-not-yet-valid',
  invalid: 'token-invalid',
} as const;
export const DIAGNOSTIC_SOURCE = 'Vonage';
/** Edits are followed after this pause, not on every keystroke. */
export const DEBOUNCE_MS = 300;

function diagnostic(t: TokenInDocument, message: string, severity: vscode.DiagnosticSeverity, code: string): vscode.Diagnostic {
  const d = new vscode.Diagnostic(t.range, message, severity);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = code;
  return d;
}

/** What a token deserves: expired → Warning, each reason it is invalid → Error, expiring within the hour → Information. */
export function tokenDiagnostics(t: TokenInDocument): vscode.Diagnostic[] {
  const v = t.verdict;
  const at = v.expiresAtMs === undefined ? '' : localTime(v.expiresAtMs);
  const fifteen = v.defaultExpiry ? ' (it has no exp: Vonage allows 15 minutes)' : '';
  switch (v.state) {
    case 'expired':
      return [diagnostic(t, `${tokenDescription(t)} expired at ${at}${fifteen}: Vonage rejects it. Regenerate it.`, vscode.DiagnosticSeverity.Warning, TOKEN_DIAGNOSTIC.expired)];
    case 'expiringSoon':
      return [diagnostic(t, `${tokenDescription(t)} expires at ${at}${fifteen}, within the hour. Regenerate it soon.`, vscode.DiagnosticSeverity.Information, TOKEN_DIAGNOSTIC.expiringSoon)];
    case 'notYetValid':
      return [diagnostic(t, `${tokenDescription(t)} is not valid before ${localTime(v.notBeforeMs ?? 0)}: its iat or nbf is in the future. Check the clock of the machine that made it.`, vscode.DiagnosticSeverity.Warning, TOKEN_DIAGNOSTIC.notYetValid)];
    case 'invalid':
      return v.problems.map((p) => diagnostic(t, `${tokenDescription(t)} will be rejected by Vonage. ${p.message}`, vscode.DiagnosticSeverity.Error, TOKEN_DIAGNOSTIC.invalid));
    default:
      return [];
  }
}

function tabUri(tab: vscode.Tab): vscode.Uri | undefined {
  return tab.input instanceof vscode.TabInputText ? tab.input.uri : undefined;
}

/**
 * Diagnostics on the Vonage tokens of open documents. They follow edits (debounced), verdict changes
 * (a key arrived) and time: one timer, set for the soonest moment any open token changes state (an
 * hour before it expires, when it expires), re-armed after each run — no polling. Closing a document
 * clears its diagnostics.
 */
export class TokenDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('vonage-tokens');
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private timer?: ReturnType<typeof setTimeout>;
  /** When the timer fires next (undefined: no timer). */
  private timerDue?: number;
  /** Per document: the soonest moment one of its tokens changes state. */
  private readonly nextChange = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[];
  /** Called after the timer re-judged everything (the CodeLens titles change then too). */
  onTimeChanged?: () => void;

  constructor(private readonly tokens: TokensInDocument, private readonly now: () => number = Date.now) {
    this.subscriptions = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.update(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
      vscode.window.tabGroups.onDidChangeTabs((e) => this.onTabs(e)),
    ];
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const t of this.pending.values()) clearTimeout(t);
    if (this.timer) clearTimeout(this.timer);
  }

  /** Re-judges every open document (settings changed, a key arrived, the timer fired). */
  updateAll(): void {
    for (const d of vscode.workspace.textDocuments) this.update(d);
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => { this.pending.delete(key); this.update(document); }, DEBOUNCE_MS));
  }

  /**
   * VS Code keeps a document loaded a while after its last editor closed (onDidCloseTextDocument comes
   * minutes later, or never): what the person calls closing is closing its last tab. Its diagnostics go
   * then, and come back when a tab shows it again.
   */
  private onTabs(e: vscode.TabChangeEvent): void {
    for (const tab of e.closed) {
      const uri = tabUri(tab);
      if (uri && !isInEditor(uri)) this.clear(uri);
    }
    for (const tab of e.opened) {
      const uri = tabUri(tab);
      const document = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (document) this.update(document);
    }
  }

  /** Only documents a tab shows get diagnostics, not ones loaded in the background (Renew, a workspace check). */
  update(document: vscode.TextDocument): void {
    if (document.isClosed || !isInEditor(document.uri)) return;
    const list = this.tokens.list(document, { vonageOnly: true });
    this.collection.set(document.uri, list.flatMap(tokenDiagnostics));
    const soonest = Math.min(...list.map((t) => t.verdict.nextChangeAtMs ?? Infinity));
    if (Number.isFinite(soonest)) this.nextChange.set(document.uri.toString(), soonest);
    else this.nextChange.delete(document.uri.toString());
    this.armTimer();
  }

  private clear(uri: vscode.Uri): void {
    clearTimeout(this.pending.get(uri.toString()));
    this.pending.delete(uri.toString());
    this.collection.delete(uri);
    this.nextChange.delete(uri.toString());
    this.armTimer();
  }

  /** One timer for all documents, at the soonest state change (setTimeout's limit: about 24.8 days). */
  private armTimer(): void {
    const soonest = Math.min(...this.nextChange.values());
    if (this.timer && this.timerDue === soonest) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerDue = undefined;
    if (!Number.isFinite(soonest)) return;
    const delay = Math.min(Math.max(0, soonest - this.now()) + 50, 2 ** 31 - 1); // a little after, so the new state holds
    this.timerDue = soonest;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerDue = undefined;
      this.updateAll();
      this.onTimeChanged?.();
    }, delay);
  }
}
