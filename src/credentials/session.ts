import vscode = require('vscode');
import type * as Core from '../vonage';
import type {
  AccountClient, ApplicationsClient, ConversationsClient, FetchLike, JwtSigner, NumbersClient, TokenCheckResult, UsersClient, VoiceClient, VonageHttpClient,
} from '../vonage';
import type { Log } from '../ui/log';
import { AdminTokenCache } from './adminTokens';
import type { CredentialStore } from './credentialStore';
import { DEFAULT_BASE_URL, DEFAULT_REST_BASE_URL } from '../vonage/baseUrls'; // the import-free module: httpClient.ts would load node-fetch at activation

export const DASHBOARD_SETTINGS_URL = 'https://dashboard.nexmo.com/settings';

/** No API key and secret are stored for the current base URL. */
export class NotSignedInError extends Error {
  constructor(readonly baseUrl: string) {
    super(baseUrl === DEFAULT_BASE_URL
      ? 'No Vonage API key and secret are set. Set them first (Vonage: Set API Key and Secret).'
      : `No Vonage API key and secret are set for ${baseUrl}. Set them first (Vonage: Set API Key and Secret).`);
    this.name = 'NotSignedInError';
  }
}

/** A document or request bound to one account (by its API key) whose key and secret are no longer stored. */
export class AccountNotStoredError extends Error {
  constructor(readonly baseUrl: string, readonly apiKey: string) {
    super(`The Vonage account with API key ${apiKey} is no longer stored for ${baseUrl}. Add it again (Vonage: Set API Key and Secret), or open the application again with the active account.`);
    this.name = 'AccountNotStoredError';
  }
}

/** The application's private key is not in this VS Code's SecretStorage. */
export class MissingPrivateKeyError extends Error {
  constructor(readonly applicationId: string, applicationName?: string) {
    super(`This VS Code does not hold the private key of application ${applicationName ? `"${applicationName}"` : applicationId}. Import it first (Vonage: Import Application Private Key).`);
    this.name = 'MissingPrivateKeyError';
  }
}

/**
 * The small service both the tree and the commands call: it turns settings and stored secrets
 * into core clients. The core (jsonwebtoken, node-fetch, crypto) is loaded on first use, never at
 * activation.
 *
 * Every method that reads a secret or talks to the API takes the base URL explicitly: a command reads
 * `baseUrl` ONCE when it starts and passes it everywhere, so a change of the `vonage.apiBaseUrl`
 * setting while a prompt is open cannot send one host's key and secret (or private key) to another.
 */
export class VonageSession {
  private corePromise?: Promise<typeof Core>;
  /** One http client per host and timeout (the API host and the REST host). */
  private readonly httpClients = new Map<string, VonageHttpClient>();
  private signerCache?: JwtSigner;
  private readonly adminTokens = new AdminTokenCache();

  constructor(readonly store: CredentialStore, private readonly log: Log, private readonly extensionVersion: string) {}

  /** The configured base URL, trimmed and without trailing slashes: the key secrets are filed under. Read it once per command. */
  get baseUrl(): string {
    const raw = vscode.workspace.getConfiguration('vonage').get<string>('apiBaseUrl') || DEFAULT_BASE_URL;
    return raw.trim().replace(/\/+$/, '') || DEFAULT_BASE_URL;
  }

  /**
   * The REST host of the Numbers and Account APIs (setting vonage.restBaseUrl). Its key and secret are the
   * active account's of `baseUrl`: one account, two hosts. Read it once per command, with baseUrl.
   */
  get restBaseUrl(): string {
    const raw = vscode.workspace.getConfiguration('vonage').get<string>('restBaseUrl') || DEFAULT_REST_BASE_URL;
    return raw.trim().replace(/\/+$/, '') || DEFAULT_REST_BASE_URL;
  }

  /** A request's timeout (setting vonage.requestTimeoutSeconds, at least one second), in ms. Read it once per request. */
  get requestTimeoutMs(): number {
    return Math.max(1, vscode.workspace.getConfiguration('vonage').get<number>('requestTimeoutSeconds') ?? 15) * 1000;
  }

  core(): Promise<typeof Core> {
    this.corePromise ??= import('../vonage');
    return this.corePromise;
  }

  async http(configuredBaseUrl: string): Promise<VonageHttpClient> {
    const core = await this.core();
    const baseUrl = core.normalizeBaseUrl(configuredBaseUrl);
    const timeoutMs = this.requestTimeoutMs;
    const key = `${baseUrl} ${timeoutMs}`;
    let client = this.httpClients.get(key);
    if (!client) {
      if (this.httpClients.size >= 4) this.httpClients.clear(); // settings changed back and forth: start afresh
      client = new core.VonageHttpClient({
        baseUrl,
        userAgent: core.userAgent(this.extensionVersion),
        timeoutMs,
        fetch: this.loggingFetch(core.nodeFetchAdapter, core.redactUrl),
      });
      this.httpClients.set(key, client);
    }
    return client;
  }

  /** Whether a key and secret are stored for `baseUrl` (by default the configured one, for the view's state). */
  async isSignedIn(baseUrl: string = this.baseUrl): Promise<boolean> {
    return (await this.store.getAccount(baseUrl)) !== undefined;
  }

  /**
   * The Applications client for `baseUrl`, with the key and secret stored for that same URL: the active
   * account's, or with `apiKey` that account's (whichever account is active now).
   */
  async applications(baseUrl: string, apiKey?: string): Promise<ApplicationsClient> {
    const creds = await this.store.getAccount(baseUrl, apiKey);
    if (!creds) throw apiKey === undefined ? new NotSignedInError(baseUrl) : new AccountNotStoredError(baseUrl, apiKey);
    const core = await this.core();
    return new core.ApplicationsClient(await this.http(baseUrl), creds);
  }

  /** The Numbers client of the REST host `restBaseUrl`, with the active account of `baseUrl`. */
  async numbers(baseUrl: string, restBaseUrl: string): Promise<NumbersClient> {
    const core = await this.core();
    return new core.NumbersClient(await this.http(restBaseUrl), await this.activeAccount(baseUrl));
  }

  /** The Account client (the balance) of the REST host `restBaseUrl`, with the active account of `baseUrl`. */
  async account(baseUrl: string, restBaseUrl: string): Promise<AccountClient> {
    const core = await this.core();
    return new core.AccountClient(await this.http(restBaseUrl), await this.activeAccount(baseUrl));
  }

  private async activeAccount(baseUrl: string): Promise<Core.ApiCredentials> {
    const creds = await this.store.getAccount(baseUrl);
    if (!creds) throw new NotSignedInError(baseUrl);
    return creds;
  }

  /** A client built from key and secret that are not stored yet (to verify them first against `baseUrl`). */
  async applicationsWith(baseUrl: string, creds: Core.ApiCredentials): Promise<ApplicationsClient> {
    const core = await this.core();
    return new core.ApplicationsClient(await this.http(baseUrl), creds);
  }

  async signer(): Promise<JwtSigner> {
    const core = await this.core();
    this.signerCache ??= new core.JwtSigner();
    return this.signerCache;
  }

  async privateKey(baseUrl: string, applicationId: string, applicationName?: string): Promise<string> {
    const pem = await this.store.getPrivateKey(baseUrl, applicationId);
    if (!pem) throw new MissingPrivateKeyError(applicationId, applicationName);
    return pem;
  }

  async users(baseUrl: string, applicationId: string, applicationName?: string): Promise<UsersClient> {
    const adminToken = await this.adminTokenFor(baseUrl, applicationId, applicationName);
    const core = await this.core();
    return new core.UsersClient(await this.http(baseUrl), adminToken);
  }

  /** The Conversation API of the application, with its admin token (as the Users API). */
  async conversations(baseUrl: string, applicationId: string, applicationName?: string): Promise<ConversationsClient> {
    const adminToken = await this.adminTokenFor(baseUrl, applicationId, applicationName);
    const core = await this.core();
    return new core.ConversationsClient(await this.http(baseUrl), adminToken);
  }

  /** The Voice API of the application (its calls), with its admin token (as the Users API). */
  async voice(baseUrl: string, applicationId: string, applicationName?: string): Promise<VoiceClient> {
    const adminToken = await this.adminTokenFor(baseUrl, applicationId, applicationName);
    const core = await this.core();
    return new core.VoiceClient(await this.http(baseUrl), adminToken);
  }

  /** Asks Vonage whether it accepts `token` (the token itself is the credential; see core tokenCheck). */
  async checkToken(baseUrl: string, token: string, userId: string | undefined): Promise<TokenCheckResult> {
    const core = await this.core();
    return core.checkTokenWithVonage(await this.http(baseUrl), token, userId);
  }

  /**
   * A function giving the application's admin token, reused until shortly before it expires: no RSA
   * signature per request. Not protect()ed: the log redacts every JWT by its shape, so registering
   * each token would only grow the secrets set.
   */
  private async adminTokenFor(baseUrl: string, applicationId: string, applicationName?: string): Promise<() => string> {
    const privateKey = await this.privateKey(baseUrl, applicationId, applicationName);
    const core = await this.core();
    const signer = await this.signer();
    const ttlSeconds = core.DEFAULT_ADMIN_TTL_SECONDS;
    return () => this.adminTokens.get(baseUrl, applicationId, privateKey, ttlSeconds, () => {
      const token = signer.signAdminToken({ applicationId, privateKey, ttlSeconds });
      this.log.debug(`Signed an admin token for application ${applicationId} (valid ${ttlSeconds} s).`);
      return token;
    });
  }

  /** The core's fetch wrapped to log each request's method, URL (never auth: a query's api_secret is redacted) and outcome. */
  private loggingFetch(fetch: FetchLike, redactUrl: (url: string) => string): FetchLike {
    return async (fetchUrl, init) => {
      const url = redactUrl(fetchUrl);
      const started = Date.now();
      try {
        const res = await fetch(fetchUrl, init);
        this.log.debug(`${init.method} ${url} -> ${res.status} (${Date.now() - started} ms)`);
        return res;
      } catch (e) {
        this.log.debug(`${init.method} ${url} -> ${e instanceof Error ? e.name : 'error'} (${Date.now() - started} ms)`);
        throw e;
      }
    };
  }
}
