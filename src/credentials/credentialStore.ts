import vscode = require('vscode');
import type { ApiCredentials, Application } from '../vonage';
import { DEFAULT_BASE_URL } from '../vonage/baseUrls'; // import-free: this file loads at activation
import { VonageInputError } from '../vonage/errors'; // import-free too
import type { Log } from '../ui/log';
import { accountLabelProblem, type AccountInfo, type AccountsRecord, parseAccounts } from './accounts';

export type { AccountInfo } from './accounts';

/** Milestone 1's single account per host: `{apiKey, apiSecret}`. Read once per host and migrated. */
const LEGACY_ACCOUNT = 'vonage.account';
/** Every account of a host: `{active, accounts: [{label, apiKey, apiSecret}]}` (see accounts.ts). */
const ACCOUNTS = 'vonage.accounts';
/**
 * The same accounts without their secrets — `{active, accounts: [{label, apiKey}]}` — written with every change
 * of ACCOUNTS (first, so whoever hears of that change finds it current): what the status bar reads, so showing
 * the active account never reads a secret.
 */
const ACCOUNT_LABELS = 'vonage.accountLabels';
/** The hosts that have accounts (SecretStorage cannot list its keys): what apiSecrets() walks. */
const ACCOUNT_HOSTS = 'vonage.accountHosts';
const KEY = 'vonage.privateKey';
const KEY_INDEX = 'vonage.privateKeyIndex';
/** Id prefix of a private key stored before its application exists (Create Application). */
export const PENDING_PREFIX = 'pending-';

/** What changed in SecretStorage, in our terms. */
/** What changed in SecretStorage: a host's accounts, its list of account labels (no secrets), or a private key. */
export type CredentialChange =
  | { kind: 'account'; baseUrl: string }
  | { kind: 'accountLabels'; baseUrl: string }
  | { kind: 'privateKey'; baseUrl: string; applicationId: string };

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
   * each write their own copy and lose the other's entry. Every index mutation runs on this lock, one
   * after the other (a failure does not break the queue).
   */
  private readonly indexLock = new SerialLock();
  /** Account changes run one after the other too (read, change, write back). */
  private readonly accountLock = new SerialLock();
  /** Hosts whose milestone-1 account entry was looked for this session. */
  private readonly migrated = new Set<string>();

  constructor(private readonly secrets: vscode.SecretStorage, private readonly log: Log) {
    this.sub = secrets.onDidChange((e) => {
      const change = parseKey(e.key);
      if (change) this.emitter.fire(change);
    });
  }

  dispose(): void { this.sub.dispose(); this.emitter.dispose(); }

  /**
   * The key and secret of an account of `baseUrl`: the one with `apiKey`, or without it the active one
   * (undefined: none stored).
   */
  async getAccount(baseUrl: string, apiKey?: string): Promise<ApiCredentials | undefined> {
    const record = await this.readAccounts(baseUrl);
    const wanted = apiKey ?? record.active;
    const account = record.accounts.find((a) => a.apiKey === wanted);
    if (!account) return undefined;
    this.log.protect(account.apiSecret);
    return { apiKey: account.apiKey, apiSecret: account.apiSecret };
  }

  /** The accounts stored for `baseUrl`, in the order they were added: labels and keys, never secrets. */
  async listAccounts(baseUrl: string): Promise<AccountInfo[]> {
    return infos(await this.readAccounts(baseUrl));
  }

  /**
   * The accounts of `baseUrl` from the list kept without secrets (see ACCOUNT_LABELS): nothing secret is read.
   * Undefined when that list is not stored: no account, or accounts not read since they were stored by a
   * version without it (milestone 1's single account): the first full read writes it.
   */
  async accountLabels(baseUrl: string): Promise<AccountInfo[] | undefined> {
    const text = await this.secrets.get(`${ACCOUNT_LABELS}:${baseUrl}`);
    if (text === undefined) return undefined;
    const value = safeJson(text) as { active?: unknown; accounts?: unknown } | undefined;
    const accounts = Array.isArray(value?.accounts) ? value.accounts as { label?: unknown; apiKey?: unknown }[] : [];
    return accounts.filter((a) => typeof a?.apiKey === 'string' && a.apiKey !== '').map((a) => ({
      label: typeof a.label === 'string' && a.label ? a.label : a.apiKey as string,
      apiKey: a.apiKey as string,
      active: a.apiKey === value?.active,
    }));
  }

  async activeAccount(baseUrl: string): Promise<AccountInfo | undefined> {
    return (await this.listAccounts(baseUrl)).find((a) => a.active);
  }

  /** Why `label` cannot name the account `apiKey` at `baseUrl` (used by another account, too long…), or undefined. */
  async labelProblem(baseUrl: string, label: string, apiKey: string): Promise<string | undefined> {
    return accountLabelProblem(await this.listAccounts(baseUrl), label, apiKey);
  }

  /**
   * Stores an account and makes it the active one. The same API key again replaces its secret (and its
   * label when one is given); a new key is added, labelled `label` or, without one, by its key.
   */
  setAccount(baseUrl: string, creds: ApiCredentials, label?: string): Promise<void> {
    this.log.protect(creds.apiSecret);
    return this.accountLock.run(async () => {
      const record = await this.readAccountsLocked(baseUrl);
      const existing = record.accounts.find((a) => a.apiKey === creds.apiKey);
      const wanted = label?.trim() || existing?.label || creds.apiKey;
      const problem = accountLabelProblem(infos(record), wanted, creds.apiKey);
      if (problem) throw new VonageInputError(problem, 'label');
      if (existing) Object.assign(existing, { apiSecret: creds.apiSecret, label: wanted });
      else record.accounts.push({ label: wanted, apiKey: creds.apiKey, apiSecret: creds.apiSecret });
      record.active = creds.apiKey;
      await this.writeAccounts(baseUrl, record);
    });
  }

  /** Makes the stored account with this API key the active one for `baseUrl`. */
  switchAccount(baseUrl: string, apiKey: string): Promise<AccountInfo> {
    return this.accountLock.run(async () => {
      const record = await this.readAccountsLocked(baseUrl);
      const account = record.accounts.find((a) => a.apiKey === apiKey);
      if (!account) {
        throw new VonageInputError(`No account with API key "${apiKey}" is stored for ${baseUrl}. Add it first (Vonage: Set API Key and Secret).`, 'apiKey');
      }
      if (record.active !== apiKey) {
        record.active = apiKey;
        await this.writeAccounts(baseUrl, record);
      }
      return { label: account.label, apiKey, active: true };
    });
  }

  /**
   * Forgets one account of `baseUrl` (the active one when no key is given). Another stored account, if
   * any, becomes the active one: it is returned. Private keys stay (they belong to the host).
   */
  deleteAccount(baseUrl: string, apiKey?: string): Promise<AccountInfo | undefined> {
    return this.accountLock.run(async () => {
      const record = await this.readAccountsLocked(baseUrl);
      const gone = apiKey ?? record.active;
      record.accounts = record.accounts.filter((a) => a.apiKey !== gone);
      if (record.active === gone) record.active = record.accounts[0]?.apiKey;
      await this.writeAccounts(baseUrl, record);
      const next = record.accounts.find((a) => a.apiKey === record.active);
      return next && { label: next.label, apiKey: next.apiKey, active: true };
    });
  }

  /** Forgets every account of `baseUrl`; returns how many there were. */
  deleteAllAccounts(baseUrl: string): Promise<number> {
    return this.accountLock.run(async () => {
      const record = await this.readAccountsLocked(baseUrl);
      await this.writeAccounts(baseUrl, { accounts: [] });
      return record.accounts.length;
    });
  }

  /**
   * Every API secret stored in this VS Code — every host, every account — for the secrets-in-git check.
   * Hosts come from the index; the configured base URL and the default are read too, so a host stored by
   * milestone 1 (before the index) is migrated and counted. Never log what this returns.
   */
  async apiSecrets(): Promise<string[]> {
    const configured = vscode.workspace.getConfiguration('vonage').get<string>('apiBaseUrl');
    const hosts = new Set([...await this.accountHosts(), DEFAULT_BASE_URL]);
    if (configured) hosts.add(configured.trim().replace(/\/+$/, ''));
    const secrets = new Set<string>();
    for (const host of hosts) {
      for (const a of (await this.readAccounts(host)).accounts) {
        this.log.protect(a.apiSecret);
        secrets.add(a.apiSecret);
      }
    }
    return [...secrets];
  }

  /**
   * The accounts of a host. The first read of a host in a session also looks for milestone 1's single
   * account (`vonage.account:<host>`) and moves it into the record — without asking, idempotently: an
   * account already in the record is not added twice, and the old entry is deleted either way.
   */
  private async readAccounts(baseUrl: string): Promise<AccountsRecord> {
    if (!this.migrated.has(baseUrl)) await this.accountLock.run(() => this.migrate(baseUrl));
    return parseAccounts(await this.secrets.get(`${ACCOUNTS}:${baseUrl}`));
  }

  /** readAccounts for code already running on accountLock (the lock is not re-entrant). */
  private async readAccountsLocked(baseUrl: string): Promise<AccountsRecord> {
    await this.migrate(baseUrl);
    return parseAccounts(await this.secrets.get(`${ACCOUNTS}:${baseUrl}`));
  }

  private async migrate(baseUrl: string): Promise<void> {
    if (this.migrated.has(baseUrl)) return;
    const legacyText = await this.secrets.get(`${LEGACY_ACCOUNT}:${baseUrl}`);
    if (legacyText !== undefined) {
      const record = parseAccounts(await this.secrets.get(`${ACCOUNTS}:${baseUrl}`));
      const legacy = parseAccounts(JSON.stringify({ accounts: [safeJson(legacyText)] })).accounts[0]; // labelled by its key
      if (legacy && !record.accounts.some((a) => a.apiKey === legacy.apiKey)) {
        record.accounts.push(legacy);
        record.active ??= legacy.apiKey;
        await this.writeAccounts(baseUrl, record);
        this.log.info(`Moved the stored API key ${legacy.apiKey} for ${baseUrl} into the accounts list (label "${legacy.label}").`);
      }
      await this.secrets.delete(`${LEGACY_ACCOUNT}:${baseUrl}`);
    }
    if (await this.secrets.get(`${ACCOUNT_LABELS}:${baseUrl}`) === undefined) {
      const record = parseAccounts(await this.secrets.get(`${ACCOUNTS}:${baseUrl}`));
      if (record.accounts.length) await this.writeLabels(baseUrl, record); // stored before the list existed
    }
    this.migrated.add(baseUrl);
  }

  private async writeLabels(baseUrl: string, record: AccountsRecord): Promise<void> {
    const labels = { active: record.active, accounts: infos(record).map(({ label, apiKey }) => ({ label, apiKey })) };
    await this.secrets.store(`${ACCOUNT_LABELS}:${baseUrl}`, JSON.stringify(labels));
  }

  private async writeAccounts(baseUrl: string, record: AccountsRecord): Promise<void> {
    const hosts = await this.accountHosts();
    if (record.accounts.length === 0) {
      await this.secrets.delete(`${ACCOUNT_LABELS}:${baseUrl}`);
      await this.secrets.delete(`${ACCOUNTS}:${baseUrl}`);
      if (hosts.includes(baseUrl)) await this.secrets.store(ACCOUNT_HOSTS, JSON.stringify(hosts.filter((h) => h !== baseUrl)));
      return;
    }
    await this.writeLabels(baseUrl, record);
    await this.secrets.store(`${ACCOUNTS}:${baseUrl}`, JSON.stringify(record));
    if (!hosts.includes(baseUrl)) await this.secrets.store(ACCOUNT_HOSTS, JSON.stringify([...hosts, baseUrl]));
  }

  private async accountHosts(): Promise<string[]> {
    const v = safeJson(await this.secrets.get(ACCOUNT_HOSTS));
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
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
  async privateKeyIds(baseUrl: string): Promise<string[]> {
    const text = await this.secrets.get(`${KEY_INDEX}:${baseUrl}`);
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
  async privateKeyIdsFor(baseUrl: string, apps: readonly Application[], alreadyRead?: string[]): Promise<string[]> {
    const ids = alreadyRead ?? await this.privateKeyIds(baseUrl);
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

  /** Forgets the private keys of these applications (those that have one); returns how many went. */
  async deletePrivateKeys(baseUrl: string, applicationIds: readonly string[]): Promise<number> {
    const held = new Set(await this.privateKeyIds(baseUrl));
    const ids = applicationIds.filter((id) => held.has(id));
    for (const id of ids) await this.deletePrivateKey(baseUrl, id);
    return ids.length;
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
    return this.indexLock.run(fn);
  }

  private async writeIndex(baseUrl: string, ids: string[]): Promise<void> {
    await this.secrets.store(`${KEY_INDEX}:${baseUrl}`, JSON.stringify(ids));
  }
}

/** Runs queued functions one at a time, in order; a failure does not break the queue. Not re-entrant. */
class SerialLock {
  private chain: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.then(undefined, () => undefined);
    return next;
  }
}

function infos(record: AccountsRecord): AccountInfo[] {
  return record.accounts.map((a) => ({ label: a.label, apiKey: a.apiKey, active: a.apiKey === record.active }));
}

function safeJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseKey(key: string): CredentialChange | undefined {
  for (const prefix of [ACCOUNTS, LEGACY_ACCOUNT]) {
    if (key.startsWith(`${prefix}:`)) return { kind: 'account', baseUrl: key.slice(prefix.length + 1) };
  }
  if (key.startsWith(`${ACCOUNT_LABELS}:`)) return { kind: 'accountLabels', baseUrl: key.slice(ACCOUNT_LABELS.length + 1) };
  if (key.startsWith(`${KEY}:`)) {
    const rest = key.slice(KEY.length + 1);
    const cut = rest.lastIndexOf(':');
    return { kind: 'privateKey', baseUrl: rest.slice(0, cut), applicationId: rest.slice(cut + 1) };
  }
  return undefined;
}
