import type { KeyObject } from 'crypto';
import vscode = require('vscode');
import type { VonageSession } from '../../../credentials/session';
import type { ApplicationsTree } from '../../applications/applicationsTree';
import type { ApplicationUsers } from '../../users/applicationUsers';
import type { Log } from '../../../ui/log';
import { isVonageClaims, type FoundJwt } from '../../../vonage/tokens/scanner'; // not the barrel: that loads node-fetch and jsonwebtoken
import { publicKeyOfPem, publicKeyOfPrivatePem, rs256SignatureValid } from '../../../vonage/tokens/signature';
import { VerdictCache, type SignatureStatus, type TokenVerdict } from '../../../vonage/tokens/verdict';

/** Where an application's public key came from, or why there is none. */
type KeySource =
  | { kind: 'pending' }
  | { kind: 'key'; key: KeyObject; from: 'privateKey' | 'api'; results: Map<string, boolean> }
  | { kind: 'none'; why: string; retryAfter?: number };

/** A network failure is tried again after this long; "not ours" and "no key" until something changes. */
const RETRY_AFTER_MS = 60_000;
/** Signature results kept per application before the oldest are forgotten. */
const RESULTS_KEPT = 1000;

/**
 * Which key the signature was checked with, or why it was not: `pending` while the key is looked up,
 * `noApplication` for a token that names no application.
 */
export type SignatureCheck =
  | { by: 'privateKey' | 'api' }
  | { by: 'none'; why: string }
  | { by: 'pending' }
  | { by: 'noApplication' };

/** The key a signature was checked with, in words ("verified with …"). */
export function keyInWords(by: 'privateKey' | 'api'): string {
  return by === 'privateKey' ? 'the private key this VS Code holds' : 'the application\'s public key from Vonage';
}

export interface JudgedToken {
  verdict: TokenVerdict;
  /** How the signature was (or could not be) checked, in one sentence. */
  signatureNote: string;
  /** The same, as data: the key's source, or why there was none. */
  signatureCheck: SignatureCheck;
  applicationName?: string;
  userDisplayName?: string;
}

/**
 * Verdicts on tokens, with their signatures checked against the application's key: the public half of
 * the private key this VS Code holds for it on the current base URL, or else its public key from the
 * Applications API — fetched once, and only for an application of the signed-in account. Nothing here
 * waits: a key not resolved yet gives `unknown` now and `onDidChange` fires when it arrives. Keys are
 * kept as KeyObjects (never the PEM) and forgotten when the stored keys, the account or the host change.
 */
export class TokenJudge implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly keys = new Map<string, KeySource>();
  private readonly verdicts = new VerdictCache();
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Names of applications looked up for their key (the tree may not have loaded them). */
  private readonly fetchedNames = new Map<string, string>();
  /** Display names of users looked up by name (`appId\nsub`): undefined while looking, '' when there is none. */
  private readonly displayNames = new Map<string, string | undefined>();
  private baseUrl?: string;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly session: VonageSession, private readonly tree: ApplicationsTree, private readonly users: ApplicationUsers, private readonly log: Log, private readonly now: () => number = Date.now) {
    this.subscriptions = [
      this.emitter,
      session.store.onDidChange((change) => this.forget(change.kind === 'privateKey' ? change.applicationId : undefined)),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('vonage.apiBaseUrl')) this.forget(); }),
    ];
  }

  dispose(): void { for (const s of this.subscriptions) s.dispose(); }

  /** The verdict now, from what is known now; starts finding the key when it is not known yet. */
  judge(tokenText: string, found: Pick<FoundJwt, 'header' | 'claims'>): JudgedToken {
    const appId = isVonageClaims(found.claims) ? String(found.claims.application_id) : undefined;
    const { status, note, check } = appId ? this.signature(appId, tokenText) : { status: 'unknown' as const, note: '', check: { by: 'noApplication' as const } };
    const verdict = this.verdicts.judge(found, status, this.now());
    if (!appId) return { verdict, signatureNote: note, signatureCheck: check };
    const app = this.tree.findApplication(appId);
    const sub = typeof found.claims.sub === 'string' ? found.claims.sub : undefined;
    return { verdict, signatureNote: note, signatureCheck: check, applicationName: app?.app.name ?? this.fetchedNames.get(appId), userDisplayName: sub && this.displayName(appId, sub) };
  }

  /**
   * The user's display name: from the view when it has loaded the user, else looked up once by name
   * with the Users API (only where this VS Code holds the application's key, which that API needs).
   */
  private displayName(appId: string, sub: string): string | undefined {
    const loaded = this.users.usersOf(appId)?.find((u) => u.name === sub);
    if (loaded) return loaded.display_name;
    const key = `${appId}\n${sub}`;
    if (this.displayNames.has(key)) return this.displayNames.get(key) || undefined;
    const source = this.keys.get(appId);
    if (source?.kind !== 'key' || source.from !== 'privateKey') return undefined;
    this.displayNames.set(key, undefined);
    const baseUrl = this.current();
    this.session.users(baseUrl, appId)
      .then((users) => users.listPage({ name: sub, pageSize: 1 }))
      .then((page) => { this.displayNames.set(key, page.users.find((u) => u.name === sub)?.display_name ?? ''); this.emitter.fire(); })
      .catch((e: unknown) => { this.displayNames.set(key, ''); this.log.debug(`Looking up the user "${sub}" of ${appId} failed: ${e instanceof Error ? e.message : String(e)}`); });
    return undefined;
  }

  /** Resolves the application's key (for a command that can wait, such as Inspect), then judges. */
  async judgeNow(tokenText: string, found: Pick<FoundJwt, 'header' | 'claims'>): Promise<JudgedToken> {
    if (isVonageClaims(found.claims)) await this.resolve(this.current(), String(found.claims.application_id));
    return this.judge(tokenText, found);
  }

  private current(): string {
    const baseUrl = this.session.baseUrl;
    if (baseUrl !== this.baseUrl) { this.keys.clear(); this.baseUrl = baseUrl; }
    return baseUrl;
  }

  private signature(appId: string, tokenText: string): { status: SignatureStatus; note: string; check: SignatureCheck } {
    const baseUrl = this.current();
    const source = this.keys.get(appId);
    const checking = { status: 'unknown', note: 'Signature: checking…', check: { by: 'pending' } } as const;
    if (!source || (source.kind === 'none' && source.retryAfter !== undefined && source.retryAfter <= this.now())) {
      void this.resolve(baseUrl, appId);
      return checking;
    }
    if (source.kind === 'pending') return checking;
    if (source.kind === 'none') return { status: 'unknown', note: `Signature not checked: ${source.why}`, check: { by: 'none', why: source.why } };
    let valid = source.results.get(tokenText);
    if (valid === undefined) {
      valid = rs256SignatureValid(tokenText, source.key);
      if (source.results.size >= RESULTS_KEPT) source.results.clear();
      source.results.set(tokenText, valid);
    }
    const whose = keyInWords(source.from);
    const check = { by: source.from };
    return valid
      ? { status: 'verified', note: `Signature verified with ${whose}.`, check }
      : { status: 'invalid', note: `Signature does not verify with ${whose}.`, check };
  }

  /** Finds the key of `appId` once (concurrent callers share the search); fires onDidChange when found out. */
  private resolve(baseUrl: string, appId: string): Promise<void> {
    const running = this.inFlight.get(appId);
    if (running) return running;
    this.keys.set(appId, { kind: 'pending' });
    const search = this.findKey(baseUrl, appId)
      .then((source) => { if (this.baseUrl === baseUrl && this.keys.get(appId)?.kind === 'pending') this.keys.set(appId, source); })
      .catch((e: unknown) => {
        this.log.error(`Finding the key of application ${appId} to check a token failed`, e);
        this.keys.set(appId, { kind: 'none', why: 'the application\'s key could not be read (details in the Vonage log).', retryAfter: this.now() + RETRY_AFTER_MS });
      })
      .finally(() => { this.inFlight.delete(appId); this.emitter.fire(); });
    this.inFlight.set(appId, search);
    return search;
  }

  private async findKey(baseUrl: string, appId: string): Promise<KeySource> {
    const pem = await this.session.store.getPrivateKey(baseUrl, appId);
    if (pem) return { kind: 'key', key: publicKeyOfPrivatePem(pem), from: 'privateKey', results: new Map() };
    if (!(await this.session.isSignedIn(baseUrl))) {
      return { kind: 'none', why: 'this VS Code holds no private key for the application, and no account is signed in to look up its public key.' };
    }
    return this.publicKeyFromApi(baseUrl, appId);
  }

  /** The application's public key from the Applications API, if it is an application of the signed-in account. */
  private async publicKeyFromApi(baseUrl: string, appId: string): Promise<KeySource> {
    const notOurs: KeySource = { kind: 'none', why: 'this VS Code holds no private key for the application, and it is not an application of the signed-in account.' };
    const loaded = this.tree.findApplication(appId)?.app;
    try {
      const app = loaded ?? await (await this.session.applications(baseUrl)).get(appId);
      this.fetchedNames.set(appId, app.name);
      const pem = app.keys?.public_key;
      if (!pem) return { kind: 'none', why: 'Vonage returned no public key for the application.' };
      this.log.debug(`Checking tokens of application ${appId} with its public key from Vonage.`);
      return { kind: 'key', key: publicKeyOfPem(pem), from: 'api', results: new Map() };
    } catch (e) {
      const kind = (e as { kind?: string }).kind;
      if (kind === 'notFound' || kind === 'forbidden' || kind === 'unauthorized') return notOurs;
      this.log.debug(`Looking up application ${appId} for its public key failed: ${e instanceof Error ? e.message : String(e)}`);
      return { kind: 'none', why: 'Vonage could not be reached to look up the application\'s public key; it is tried again in a minute.', retryAfter: this.now() + RETRY_AFTER_MS };
    }
  }

  /** Forgets one application's key (its private key came or went) or all of them (host or account changed). */
  private forget(appId?: string): void {
    if (appId) this.keys.delete(appId);
    else { this.keys.clear(); this.fetchedNames.clear(); this.displayNames.clear(); }
    this.emitter.fire();
  }
}
