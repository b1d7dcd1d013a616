import * as vscode from 'vscode';
import type { ApiCredentials, Application } from '../vonage';
import type { Log } from '../ui/log';
import { DEFAULT_BASE_URL } from '../vonage/baseUrls'; // import-free: not the barrel
import { configuredBaseUrl } from './configuredBaseUrl';

const ACCOUNT = 'vonage.account';
const KEY = 'vonage.privateKey';
const KEY_INDEX = 'vonage.privateKeyIndex';
/** The base URLs that have (or had) an account stored: apiSecrets() reads every one of them. */
const ACCOUNT_INDEX = 'vonage.accountIndex';
/** Id prefix of a private key stored before its application exists (Create Application). */
export const PENDING_PREFIX = 'pending-';

/** What changed in SecretStorage, in our terms. */
export type CredentialChange = { kind: 'account'; baseUrl: string } | { kind: 'privateKey'; baseUrl: string; applicationId: string };

/**
 * The only code that touches SecretStorage. The API key and secret are kept per base URL (so
 * switching to the sandbox never sends real credentials to it, nor the reverse); private keys per
 * (base URL, application id). Nothing secret is kept anywhere else. Every value read or written
 * is registered with the log's redaction guard.
 */
export class CredentialStore implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<CredentialChange>();
  readonly onDidChange = this.emitter.event;
  private readonly sub: vscode.Disposable;
  /**
   * The private-key index is read, changed and written back; two commands doing that at once would
   * each write their own copy and lose the other's entry. Every index mutation runs on this chain, one
   * after the other (a failure does not break the chain).
   */
  private indexChain: Promise<unknown> = Promise.resolve();

  constructor(private readonly secrets: vscode.SecretStorage, private readonly log: Log) {
    this.sub = secrets.onDidChange((e) => {
      const change = parseKey(e.key);
      if (change) this.emitter.fire(change);
    });
  }

  dispose(): void { this.sub.dispose(); this.emitter.dispose(); }

  async getAccount(baseUrl: string): Promise<ApiCredentials | undefined> {
    const text = await this.secrets.get(`${ACCOUNT}:${baseUrl}`);
    if (!text) return undefined;
    try {
      const v = JSON.parse(text) as Partial<ApiCredentials>;
      if (typeof v.apiKey !== 'string' || typeof v.apiSecret !== 'string') return undefined;
      this.log.protect(v.apiSecret);
      return { apiKey: v.apiKey, apiSecret: v.apiSecret };
    } catch {
      return undefined;
    }
  }

  async setAccount(baseUrl: string, creds: ApiCredentials): Promise<void> {
    this.log.protect(creds.apiSecret);
    await this.secrets.store(`${ACCOUNT}:${baseUrl}`, JSON.stringify({ apiKey: creds.apiKey, apiSecret: creds.apiSecret }));
    await this.withIndexLock(async () => {
      const hosts = await this.readList(ACCOUNT_INDEX);
      if (!hosts.includes(baseUrl)) await this.secrets.store(ACCOUNT_INDEX, JSON.stringify([...hosts, baseUrl]));
    });
  }

  async deleteAccount(baseUrl: string): Promise<void> {
    await this.secrets.delete(`${ACCOUNT}:${baseUrl}`);
  }

  /**
   * Every API secret stored in this VS Code (for the secrets-in-git check, which compares without
   * logging them). Today's layout keeps one account per host, and SecretStorage cannot list its keys:
   * the hosts read are those in ACCOUNT_INDEX (every host an account was stored for since the index
   * exists), plus the default host and the configured `vonage.apiBaseUrl`, so an account stored
   * before the index existed is covered where it is used.
   */
  async apiSecrets(): Promise<string[]> {
    const hosts = new Set([...await this.readList(ACCOUNT_INDEX), DEFAULT_BASE_URL, configuredBaseUrl()]);
    const secrets = new Set<string>();
    for (const host of hosts) {
      const account = await this.getAccount(host);
      if (account) secrets.add(account.apiSecret);
    }
    return [...secrets];
  }

  async getPrivateKey(baseUrl: string, applicationId: string): Promise<string | undefined> {
    const pem = await this.secrets.get(`${KEY}:${baseUrl}:${applicationId}`);
    this.log.protect(pem);
    return pem || undefined;
  }

  async hasPrivateKey(baseUrl: string, applicationId: string): Promise<boolean> {
    return (await this.getPrivateKey(baseUrl, applicationId)) !== undefined;
  }

  setPrivateKey(baseUrl: string, applicationId: string, pem: string): Promise<void> {
    this.log.protect(pem);
    return this.withIndexLock(async () => {
      await this.secrets.store(`${KEY}:${baseUrl}:${applicationId}`, pem);
      const ids = await this.privateKeyIds(baseUrl);
      if (!ids.includes(applicationId)) await this.writeIndex(baseUrl, [...ids, applicationId]);
    });
  }

  deletePrivateKey(baseUrl: string, applicationId: string): Promise<void> {
    return this.withIndexLock(async () => {
      await this.secrets.delete(`${KEY}:${baseUrl}:${applicationId}`);
      const ids = await this.privateKeyIds(baseUrl);
      if (ids.includes(applicationId)) await this.writeIndex(baseUrl, ids.filter((i) => i !== applicationId));
    });
  }

  /** Application ids that have a stored private key for this base URL. */
  privateKeyIds(baseUrl: string): Promise<string[]> {
    return this.readList(`${KEY_INDEX}:${baseUrl}`);
  }

  /** A JSON list of strings kept under `key` (an index); [] when absent or unreadable. */
  private async readList(key: string): Promise<string[]> {
    const text = await this.secrets.get(key);
    try {
      const v: unknown = text ? JSON.parse(text) : [];
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }

  /**
   * The ids with a stored key among `apps`, after attaching any key left pending by a create whose
   * outcome was unknown (the answer lost and the check after it failed too): a pending key whose public
   * half is an application's public key is filed under that application.
   */
  async privateKeyIdsFor(baseUrl: string, apps: readonly Application[]): Promise<string[]> {
    const ids = await this.privateKeyIds(baseUrl);
    const pending = ids.filter((id) => id.startsWith(PENDING_PREFIX));
    if (!pending.length) return ids;
    const core = await import('../vonage');
    const held = new Set(ids);
    for (const pendingId of pending) {
      const pem = await this.getPrivateKey(baseUrl, pendingId);
      if (!pem) continue;
      let publicKey: string;
      try { publicKey = core.publicKeyFromPrivateKey(pem); } catch { continue; }
      const app = apps.find((a) => !held.has(a.id) && core.samePublicKey(a.keys?.public_key, publicKey));
      if (!app) continue;
      await this.setPrivateKey(baseUrl, app.id, pem);
      await this.deletePrivateKey(baseUrl, pendingId);
      held.add(app.id);
      this.log.info(`Attached the private key kept from an unclear create to application ${app.id} ("${app.name}").`);
    }
    return this.privateKeyIds(baseUrl);
  }

  deleteAllPrivateKeys(baseUrl: string): Promise<number> {
    return this.withIndexLock(async () => {
      const ids = await this.privateKeyIds(baseUrl);
      for (const id of ids) await this.secrets.delete(`${KEY}:${baseUrl}:${id}`);
      await this.secrets.delete(`${KEY_INDEX}:${baseUrl}`);
      return ids.length;
    });
  }

  /** Runs `fn` after every index mutation queued before it (never two at once). Not re-entrant: fn must not call another locked method. */
  private withIndexLock<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.indexChain.then(fn, fn);
    this.indexChain = run.then(undefined, () => undefined);
    return run;
  }

  private async writeIndex(baseUrl: string, ids: string[]): Promise<void> {
    await this.secrets.store(`${KEY_INDEX}:${baseUrl}`, JSON.stringify(ids));
  }
}

function parseKey(key: string): CredentialChange | undefined {
  if (key.startsWith(`${ACCOUNT}:`)) return { kind: 'account', baseUrl: key.slice(ACCOUNT.length + 1) };
  if (key.startsWith(`${KEY}:`)) {
    const rest = key.slice(KEY.length + 1);
    const cut = rest.lastIndexOf(':');
    return { kind: 'privateKey', baseUrl: rest.slice(0, cut), applicationId: rest.slice(cut + 1) };
  }
  return undefined;
}
