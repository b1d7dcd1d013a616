// Secrets-in-git warnings: a Warning (source "Vonage") on each private key, API secret and Vonage JWT
// in a file that git tracks or would commit. Runs debounced after open/change/save (a keystroke only
// resets a timer); the text is scanned first, and git is asked only about files that hold a secret.
// Ignored files, files outside any repository, excluded files and large files get no warning.
import vscode = require('vscode');
import type { CredentialStore } from '../../credentials/credentialStore';
import type { Log } from '../../ui/log';
import type { SecretFinding } from '../../vonage/secrets/finding';
import { scanSecrets } from '../../vonage/secrets/scanSecrets';
import { secretWarning } from '../../vonage/secrets/secretMessages';
import { gitWouldPublish, type GitState, type GitVerdict } from '../../workspace/gitState';
import type { DocumentTokens } from '../tokens/lens/documentTokens';
import { isExcluded, MAX_CHECKED_CHARS, secretsSettings } from './secretsSettings';

export const DIAGNOSTIC_SOURCE = 'Vonage';
const DEBOUNCE_MS = 300;

/** A secret warned about: the finding, where it is in the document, and git's verdict on the file. */
export interface PublishedSecret {
  readonly finding: SecretFinding;
  readonly range: vscode.Range;
  readonly verdict: GitVerdict;
  readonly diagnostic: vscode.Diagnostic;
}

export class SecretsChecker implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('vonage-secrets');
  private readonly published = new Map<string, PublishedSecret[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Per document: the number of the latest check started (an older one finishing later is dropped). */
  private readonly generation = new Map<string, number>();
  private storedSecrets?: Promise<string[]>;
  private readonly disposables: vscode.Disposable[];
  private readonly startTimer: NodeJS.Timeout;

  /** `tokens`: the token lens's per-document JWT cache, so a document is scanned for tokens once for both features. */
  constructor(private readonly store: CredentialStore, private readonly git: GitState, private readonly tokens: DocumentTokens, private readonly log: Log) {
    this.disposables = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) this.schedule(e.document); }),
      vscode.workspace.onDidSaveTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidCloseTextDocument((d) => { this.cancel(d.uri); this.generation.delete(d.uri.toString()); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('vonage.secrets')) this.recheckAll(); }),
      git.onDidChange(() => this.recheckAll()),
      store.onDidChange((c) => { if (c.kind === 'account') { this.storedSecrets = undefined; this.recheckAll(); } }),
    ];
    // The documents open at start: after activation has returned (no secret is read during activation).
    this.startTimer = setTimeout(() => this.recheckAll(), DEBOUNCE_MS);
  }

  dispose(): void {
    clearTimeout(this.startTimer);
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }

  /** The warning at `range` of the document (for the quick fixes). */
  publishedAt(uri: vscode.Uri, range: vscode.Range): PublishedSecret | undefined {
    return this.published.get(uri.toString())?.find((p) => p.range.isEqual(range));
  }

  /** Every warning shown now, per file. */
  all(): ReadonlyMap<string, PublishedSecret[]> {
    return this.published;
  }

  /** Checks the document now (the workspace scan, a quick fix that changed things) and returns its warnings. */
  async checkDocument(doc: vscode.TextDocument): Promise<PublishedSecret[]> {
    this.cancel(doc.uri);
    const key = doc.uri.toString();
    const mine = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, mine);
    const version = doc.version;
    const items = await this.findPublished(doc);
    // A check started later (the text or git's answers changed meanwhile) has the newer word.
    if (doc.version !== version || this.generation.get(key) !== mine) return this.published.get(key) ?? [];
    this.publish(doc.uri, items);
    return items;
  }

  /** Runs the check for a document after it has been still for a moment. */
  schedule(doc: vscode.TextDocument, delay = DEBOUNCE_MS): void {
    if (doc.uri.scheme !== 'file') return;
    this.cancel(doc.uri);
    this.timers.set(doc.uri.toString(), setTimeout(() => {
      this.timers.delete(doc.uri.toString());
      this.checkDocument(doc).then(undefined, (e: unknown) => this.log.error(`Checking ${doc.uri.fsPath} for secrets failed`, e));
    }, delay));
  }

  /** Checks every open document again, and the files warned about that are not open (opened as documents, no editor). */
  recheckAll(): void {
    try {
      this.recheckAllNow();
    } catch (e) {
      this.log.error('Re-checking the open files for secrets failed', e);
    }
  }

  private recheckAllNow(): void {
    const open = new Set<string>();
    for (const doc of vscode.workspace.textDocuments) {
      open.add(doc.uri.toString());
      this.schedule(doc);
    }
    for (const uri of [...this.published.keys()].filter((u) => !open.has(u))) {
      vscode.workspace.openTextDocument(vscode.Uri.parse(uri)).then((doc) => this.schedule(doc), () => this.publish(vscode.Uri.parse(uri), []));
    }
  }

  private cancel(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  private async findPublished(doc: vscode.TextDocument): Promise<PublishedSecret[]> {
    if (doc.uri.scheme !== 'file' || !secretsSettings(doc.uri).enabled || isExcluded(doc)) return [];
    const text = doc.getText();
    if (text.length > MAX_CHECKED_CHARS) return [];
    const findings = scanSecrets(text, { storedSecrets: await this.secrets(), jwts: this.tokens.tokensOf(doc) });
    if (!findings.length) return [];
    const verdict = await this.git.verdict(doc.uri.fsPath);
    if (!gitWouldPublish(verdict)) return [];
    return findings.map((f) => {
      const range = new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end));
      const d = new vscode.Diagnostic(range, secretWarning(f, { repository: verdict.repository.name, tracked: verdict.tracked }), vscode.DiagnosticSeverity.Warning);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = f.kind;
      return { finding: f, range, verdict, diagnostic: d };
    });
  }

  private publish(uri: vscode.Uri, items: PublishedSecret[]): void {
    if (items.length) this.published.set(uri.toString(), items); else this.published.delete(uri.toString());
    this.collection.set(uri, items.map((i) => i.diagnostic));
  }

  /** The stored API secrets, read once (after activation) and again when an account changes. Never logged. */
  secrets(): Promise<string[]> {
    this.storedSecrets ??= this.store.apiSecrets().catch((e: unknown) => {
      this.log.error('Reading the stored API secrets for the secrets check failed', e);
      this.storedSecrets = undefined;
      return [];
    });
    return this.storedSecrets;
  }
}
