// The Vonage sandbox: a stateful stand-in of the Vonage REST API on 127.0.0.1, for tests, benchmarks
// and `npm run sandbox`. Plain Node (http, crypto) plus jsonwebtoken, CommonJS-safe so the extension
// host can load it from out/. It speaks what the extension calls:
//   /v2/applications  Basic auth, CRUD, page/page_size pagination, private key returned once on create
//   /v1/users         Bearer admin JWT verified (RS256) against the application's public key; CRUD, cursors
//   /v1/conversations, /v1/users/{id}/conversations|sessions, /v1/legs  the Conversation API
//                     (conversationsApi.ts); admin or user JWTs, a user JWT's ACL checked (userTokens.ts)
//   /account/*, /number/*  the REST host's Numbers and Account APIs (numbersApi.ts)
//   /v1/calls         the Voice API (voiceApi.ts): calls on a clock the tests control, each a conversation,
//                     callbacks (signed with the account's signature secret when the application asks)
// Further APIs are modules (apiModule.ts): a class that owns some paths, plugged in with use() in the
// constructor; latency, faults, the request log and the control endpoints apply to them unchanged.
// plus fault injection and /_sandbox/ control endpoints (never subject to faults, latency or auth).
import * as crypto from 'crypto';
import * as http from 'http';
import type { Socket } from 'net';
import { HttpError, type ApiRequest, type SandboxApi } from './apiModule';
import * as E from './errors';
import { NumbersApi } from './numbersApi';
import { ConversationsApi } from './conversationsApi';
import { VoiceApi } from './voiceApi';
import { VoiceClock } from './voiceClock';
import { TokenRejected, type VerifiedToken, checkAcl, verifyToken } from './userTokens';
import type { ErrorReply, InvalidParameter } from './errors';
import type { Application, Fault, FaultMatch, RequestLogEntry, SandboxOptions, StoredApplication, User } from './types';

export const DEFAULT_API_KEY = 'sandbox-key';
export const DEFAULT_API_SECRET = 'sandbox-secret';
/** A second account `npm start` and `npm run sandbox` add, to try Switch Account with. */
export const SECOND_DEMO_ACCOUNT = { apiKey: 'sandbox-client-key', apiSecret: 'sandbox-client-secret' } as const;

const APPLICATIONS = '/v2/applications';
const USERS = '/v1/users';
const MAX_BODY_BYTES = 1024 * 1024;

type Json = Record<string, unknown>;

interface UserRecord { seq: number; user: User }

interface AppRecord {
  /** The API key of the account the application belongs to: another account's key cannot see it. */
  owner: string;
  /** Stored without keys; keys.public_key is added on the way out. */
  app: Application;
  publicKey: string;
  keyObject: crypto.KeyObject;
  users: Map<string, UserRecord>;
}

interface PendingFault { remaining: number; fault: Fault; match?: FaultMatch }

interface Cursor { a: string; s: number; d: 'n' | 'p'; o: 'asc' | 'desc'; n?: string }


function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

export function validateFault(value: unknown): Fault {
  if (!isObject(value)) throw new Error('fault must be an object such as {"status":503} or {"kind":"reset"}');
  if ('kind' in value) {
    switch (value.kind) {
      case 'reset': return { kind: 'reset' };
      case 'hang': return { kind: 'hang' };
      case 'resetAfter': return { kind: 'resetAfter' };
      case 'hangAfter': return { kind: 'hangAfter' };
      case 'html': {
        const status = value.status === undefined ? 502 : value.status;
        if (typeof status !== 'number' || !Number.isInteger(status) || status < 400 || status > 599) {
          throw new Error('html fault status must be an integer 400..599');
        }
        return { kind: 'html', status };
      }
      default: throw new Error(`unknown fault kind ${JSON.stringify(value.kind)}: use reset, hang, resetAfter, hangAfter or html`);
    }
  }
  if (value.status === 429) {
    const r = value.retryAfterSeconds;
    if (r !== undefined && (typeof r !== 'number' || !Number.isInteger(r) || r < 0)) {
      throw new Error('retryAfterSeconds must be a non-negative integer');
    }
    return r === undefined ? { status: 429 } : { status: 429, retryAfterSeconds: r };
  }
  if (value.status === 409 || value.status === 500 || value.status === 502 || value.status === 503 || value.status === 504) {
    return { status: value.status };
  }
  throw new Error('fault status must be 409, 429, 500, 502, 503 or 504');
}

function faultMatches(match: FaultMatch | undefined, method: string, pathname: string): boolean {
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.pathPrefix && !pathname.startsWith(match.pathPrefix)) return false;
  return true;
}

function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((part) => {
    const type = part.split(';')[0].trim().toLowerCase();
    return type === '*/*' || type === 'application/*' || type === 'application/json' || type.endsWith('+json') || type === '';
  });
}

function isJsonContentType(ct: string | undefined): boolean {
  if (!ct) return false;
  const type = ct.split(';')[0].trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

function parsePublicKey(pem: string): crypto.KeyObject | undefined {
  if (!/-----BEGIN (RSA )?PUBLIC KEY-----/.test(pem)) return undefined;
  try {
    const key = crypto.createPublicKey(pem);
    return key.asymmetricKeyType === 'rsa' ? key : undefined;
  } catch {
    return undefined;
  }
}

function generateRsaKeyPair(): Promise<{ publicKey: string; privateKey: string }> {
  return new Promise((resolve, reject) => {
    crypto.generateKeyPair('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    }, (err, publicKey, privateKey) => (err ? reject(err) : resolve({ publicKey, privateKey })));
  });
}

// ---------- request validation ----------

function validateWebhook(prefix: string, value: unknown, methods: string[], out: InvalidParameter[]): void {
  if (value === undefined) return;
  if (!isObject(value)) { out.push({ name: prefix, reason: 'must be an object' }); return; }
  if (typeof value.address !== 'string' || value.address.trim() === '') out.push({ name: `${prefix}.address`, reason: 'is required and must be a URL' });
  else {
    try { new URL(value.address); } catch { out.push({ name: `${prefix}.address`, reason: 'must be a valid URL' }); }
  }
  if (value.http_method !== undefined && (typeof value.http_method !== 'string' || !methods.includes(value.http_method))) {
    out.push({ name: `${prefix}.http_method`, reason: `must be one of: ${methods.join(', ')}` });
  }
  for (const [field, min, max] of [['connection_timeout', 300, 1000], ['socket_timeout', 1000, 10000]] as const) {
    const v = value[field];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)) {
      out.push({ name: `${prefix}.${field}`, reason: `must be an integer between ${min} and ${max}` });
    }
  }
}

function validateWebhooks(prefix: string, cap: unknown, hooks: Record<string, string[]>, out: InvalidParameter[]): void {
  if (!isObject(cap)) { out.push({ name: prefix, reason: 'must be an object' }); return; }
  if (cap.webhooks === undefined) return;
  if (!isObject(cap.webhooks)) { out.push({ name: `${prefix}.webhooks`, reason: 'must be an object' }); return; }
  for (const [hook, methods] of Object.entries(hooks)) validateWebhook(`${prefix}.webhooks.${hook}`, cap.webhooks[hook], methods, out);
}

/** Voice regions as the live API and the official SDKs list them (the 2.1.2 document names none). */
export const VOICE_REGIONS = ['na-east', 'na-west', 'eu-west', 'eu-east', 'apac-sng', 'apac-australia'];

function validateVoiceSettings(voice: Json, out: InvalidParameter[]): void {
  if (voice.region !== undefined && (typeof voice.region !== 'string' || !VOICE_REGIONS.includes(voice.region))) {
    out.push({ name: 'capabilities.voice.region', reason: `must be one of: ${VOICE_REGIONS.join(', ')}` });
  }
  if (voice.signed_callbacks !== undefined && typeof voice.signed_callbacks !== 'boolean') {
    out.push({ name: 'capabilities.voice.signed_callbacks', reason: 'must be a boolean' });
  }
  const ttl = voice.conversations_ttl;
  if (ttl !== undefined && (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0 || ttl > 744)) {
    out.push({ name: 'capabilities.voice.conversations_ttl', reason: 'must be an integer between 0 and 744' });
  }
}

function validateApplicationBody(body: unknown): InvalidParameter[] {
  const out: InvalidParameter[] = [];
  if (!isObject(body)) return [{ name: 'body', reason: 'must be a JSON object' }];
  if (body.name === undefined || body.name === null) out.push({ name: 'name', reason: 'is required' });
  else if (typeof body.name !== 'string') out.push({ name: 'name', reason: 'must be a string' });
  else if (body.name.trim() === '') out.push({ name: 'name', reason: 'must not be empty' });
  else if (body.name.length > 200) out.push({ name: 'name', reason: 'must be at most 200 characters' });
  if (body.keys !== undefined) {
    if (!isObject(body.keys)) out.push({ name: 'keys', reason: 'must be an object' });
    else if (body.keys.public_key !== undefined && (typeof body.keys.public_key !== 'string' || !parsePublicKey(body.keys.public_key))) {
      out.push({ name: 'keys.public_key', reason: 'must be a PEM encoded RSA public key' });
    }
  }
  const caps = body.capabilities;
  if (caps !== undefined) {
    if (!isObject(caps)) out.push({ name: 'capabilities', reason: 'must be an object' });
    else {
      const both = ['GET', 'POST'];
      if (caps.voice !== undefined) {
        validateWebhooks('capabilities.voice', caps.voice, { answer_url: both, fallback_answer_url: both, event_url: both }, out);
        if (isObject(caps.voice)) validateVoiceSettings(caps.voice, out);
      }
      if (caps.rtc !== undefined) {
        validateWebhooks('capabilities.rtc', caps.rtc, { event_url: both }, out);
        if (isObject(caps.rtc)) {
          const lpt = caps.rtc.leg_persistence_time;
          if (lpt !== undefined && (typeof lpt !== 'number' || !Number.isInteger(lpt) || lpt < 1 || lpt > 31)) {
            out.push({ name: 'capabilities.rtc.leg_persistence_time', reason: 'must be an integer between 1 and 31' });
          }
          if (caps.rtc.signed_callbacks !== undefined && typeof caps.rtc.signed_callbacks !== 'boolean') {
            out.push({ name: 'capabilities.rtc.signed_callbacks', reason: 'must be a boolean' });
          }
        }
      }
      if (caps.messages !== undefined) {
        validateWebhooks('capabilities.messages', caps.messages, { inbound_url: ['POST'], status_url: ['POST'] }, out);
        const version = isObject(caps.messages) ? caps.messages.version : undefined;
        if (version !== undefined && version !== 'v1' && version !== 'v0.1') out.push({ name: 'capabilities.messages.version', reason: 'must be one of: v0.1, v1' });
      }
      if (caps.vbc !== undefined && (!isObject(caps.vbc) || Object.keys(caps.vbc).length > 0)) {
        out.push({ name: 'capabilities.vbc', reason: 'must be an empty object' });
      }
    }
  }
  if (body.privacy !== undefined) {
    if (!isObject(body.privacy)) out.push({ name: 'privacy', reason: 'must be an object' });
    else if (body.privacy.improve_ai !== undefined && typeof body.privacy.improve_ai !== 'boolean') {
      out.push({ name: 'privacy.improve_ai', reason: 'must be a boolean' });
    }
  }
  return out;
}

function validateUserBody(body: unknown, creating: boolean): InvalidParameter[] {
  if (!isObject(body)) return [{ name: 'body', reason: '"value" must be of type object' }];
  const out: InvalidParameter[] = [];
  if (body.name !== undefined || !creating) {
    if (body.name !== undefined) {
      if (typeof body.name !== 'string') out.push({ name: 'name', reason: '"name" must be a string' });
      else if (body.name.trim() === '') out.push({ name: 'name', reason: '"name" is not allowed to be empty' });
      else if (body.name.length > 200) out.push({ name: 'name', reason: '"name" length must be less than or equal to 200 characters long' });
    }
  }
  for (const field of ['display_name', 'image_url'] as const) {
    if (body[field] !== undefined && typeof body[field] !== 'string') out.push({ name: field, reason: `"${field}" must be a string` });
  }
  if (typeof body.image_url === 'string' && body.image_url !== '') {
    try { new URL(body.image_url); } catch { out.push({ name: 'image_url', reason: '"image_url" must be a valid uri' }); }
  }
  for (const field of ['properties', 'channels'] as const) {
    if (body[field] !== undefined && !isObject(body[field])) out.push({ name: field, reason: `"${field}" must be of type object` });
  }
  const props = body.properties;
  if (isObject(props) && props.custom_data !== undefined && !isObject(props.custom_data)) {
    out.push({ name: 'properties.custom_data', reason: '"custom_data" must be of type object' });
  }
  return out;
}

// ---------- the server ----------

interface Ctx {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  entry: RequestLogEntry;
  method: string;
  url: URL;
  body: string;
  /** The account (API key) a Basic-auth request authenticated as. */
  owner?: string;
  /** Set by the resetAfter/hangAfter faults: the request is processed, then its answer is dropped. */
  dropAnswer?: 'reset' | 'hang';
}

export class VonageSandbox {
  readonly url: string;
  readonly apiKey: string;
  readonly apiSecret: string;

  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly log: RequestLogEntry[] = [];
  private readonly apps = new Map<string, AppRecord>();
  /** API key -> secret of every account this sandbox knows (the one given at start, and those added). */
  private readonly accounts = new Map<string, string>();
  private faults: PendingFault[] = [];
  private latencyMs: number;
  private readonly initialLatencyMs: number;
  private userSeq = 0;
  private stopped = false;
  private stopping?: Promise<void>;
  /** The APIs beyond applications and users, each in its own module (see apiModule.ts). */
  private readonly modules: SandboxApi[] = [];
  /** The REST host's Numbers and Account APIs: owned numbers, balances, the inventory for sale. */
  readonly numbers: NumbersApi;
  /** The Conversation API: conversations, members, events, a user's conversations and sessions, logins. */
  readonly conversations: ConversationsApi;
  /** The Voice API: calls, their clock, inbound calls, callbacks and their log. */
  readonly voice: VoiceApi;
  private readonly voiceClock: VoiceClock;
  /** API key -> signature secret (made once per account, kept across resets: `npm start` prints it). */
  private readonly signatureSecrets = new Map<string, string>();

  /** Use startSandbox(); the constructor takes an already listening server. */
  constructor(server: http.Server, port: number, opts: SandboxOptions) {
    this.server = server;
    this.url = `http://127.0.0.1:${port}`;
    this.apiKey = opts.apiKey ?? DEFAULT_API_KEY;
    this.apiSecret = opts.apiSecret ?? DEFAULT_API_SECRET;
    this.latencyMs = this.initialLatencyMs = opts.latencyMs ?? 0;
    this.accounts.set(this.apiKey, this.apiSecret);
    this.voiceClock = new VoiceClock(opts.voiceClock ?? 'manual');
    this.numbers = this.use(new NumbersApi(this));
    this.conversations = this.use(new ConversationsApi(this));
    this.voice = this.use(new VoiceApi(this, this.conversations, this.numbers, this.voiceClock));
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      if (this.stopped) socket.destroy();
    });
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => this.onRequest(req, res));
  }

  /** The request log, oldest first: method, path with query, status (0 = no HTTP answer). Never auth headers. */
  get requests(): RequestLogEntry[] {
    return this.log;
  }

  stop(): Promise<void> {
    if (this.stopping) return this.stopping;
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.faults = [];
    for (const m of this.modules) m.stop?.();
    this.stopping = new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // Destroying every socket (idle keep-alive ones and hung requests alike) makes close() finish now.
      for (const s of this.sockets) s.destroy();
      this.server.closeAllConnections();
    });
    return this.stopping;
  }

  setLatency(ms: number): void {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new Error(`latency must be a non-negative number of milliseconds, got ${String(ms)}`);
    this.latencyMs = ms;
  }

  /** The next `count` API requests (optionally only those matching) fail with `fault`. Queued faults apply in order. */
  failNext(count: number, fault: Fault, match?: FaultMatch): void {
    if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a positive integer, got ${String(count)}`);
    const checked = validateFault(fault);
    const m = match ? { ...(match.method ? { method: match.method.toUpperCase() } : {}), ...(match.pathPrefix ? { pathPrefix: match.pathPrefix } : {}) } : undefined;
    this.faults.push({ remaining: count, fault: checked, match: m });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Current state, as GET returns each application (public key, never a private key). */
  applications(): Application[] {
    return [...this.apps.values()].map((r) => this.appView(r));
  }

  /** The application with its stored public key, or undefined. */
  storedApplication(id: string): StoredApplication | undefined {
    const r = this.apps.get(id);
    return r ? { application: this.appView(r), publicKey: r.publicKey } : undefined;
  }

  users(applicationId: string): User[] {
    const r = this.apps.get(applicationId);
    return r ? [...r.users.values()].map((u) => clone(u.user)) : [];
  }

  /** Another account on this host (a person with a client's account and their own): its own applications. */
  addAccount(apiKey: string, apiSecret: string): void {
    if (!apiKey || !apiSecret) throw new Error('addAccount needs an API key and a secret');
    this.accounts.set(apiKey, apiSecret);
  }

  /** Plugs in an API module (see apiModule.ts); it is reset with the sandbox. */
  use<T extends SandboxApi>(module: T): T {
    this.modules.push(module);
    return module;
  }

  /** For API modules: the secret of the account with this API key, or undefined. */
  /** The users of an application (id, name, display name), or undefined when there is no such application. */
  appUsers(applicationId: string): { id: string; name: string; display_name?: string }[] | undefined {
    const rec = this.apps.get(applicationId);
    return rec && [...rec.users.values()].map((u) => ({ id: u.user.id, name: u.user.name, display_name: u.user.display_name }));
  }

  accountSecret(apiKey: string): string | undefined {
    return this.accounts.get(apiKey);
  }

  /** The account's signature secret (the dashboard's settings): the HS256 key of its signed callbacks. */
  signatureSecret(apiKey: string = this.apiKey): string {
    let secret = this.signatureSecrets.get(apiKey);
    if (!secret) this.signatureSecrets.set(apiKey, secret = crypto.randomBytes(24).toString('base64url'));
    return secret;
  }

  /** For API modules: the application as GET returns it, or undefined. */
  application(applicationId: string): Application | undefined {
    const r = this.apps.get(applicationId);
    return r && this.appView(r);
  }

  /** For API modules: the API key of the account the application belongs to. */
  ownerOf(applicationId: string): string | undefined {
    return this.apps.get(applicationId)?.owner;
  }

  /** For API modules: now on the voice clock's wall time (events, members and sessions are dated with it). */
  nowIso(): string {
    return new Date(this.voiceClock.wallNow()).toISOString();
  }

  /** For API modules: whether the account owns the application. */
  ownsApplication(apiKey: string, applicationId: string): boolean {
    return this.apps.get(applicationId)?.owner === apiKey;
  }

  /** Empty state (one account again), faults cleared, latency back to the start value, request log emptied. */
  reset(): void {
    for (const m of this.modules) m.reset?.();
    this.apps.clear();
    this.accounts.clear();
    this.accounts.set(this.apiKey, this.apiSecret);
    this.faults = [];
    this.latencyMs = this.initialLatencyMs;
    this.log.length = 0;
  }

  /**
   * Fast seeding for benchmarks and tree tests: `count` RTC applications sharing one public key
   * (so one private key signs admin tokens for all of them). No HTTP, no key generation.
   */
  seedApplications(count: number, publicKeyPem: string, namePrefix = 'Seeded application', owner = this.apiKey): Application[] {
    if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a non-negative integer, got ${String(count)}`);
    const keyObject = parsePublicKey(publicKeyPem);
    if (!keyObject) throw new Error('seedApplications needs a PEM encoded RSA public key');
    const created: Application[] = [];
    const width = String(count).length;
    for (let i = 1; i <= count; i++) {
      const app: Application = {
        id: crypto.randomUUID(),
        name: `${namePrefix} ${String(i).padStart(width, '0')}`,
        capabilities: { rtc: { webhooks: { event_url: { address: 'https://example.com/webhooks/rtc-event', http_method: 'POST' } } } },
        privacy: { improve_ai: false },
      };
      const rec: AppRecord = { owner, app, publicKey: publicKeyPem, keyObject, users: new Map() };
      this.apps.set(app.id, rec);
      created.push(this.appView(rec));
    }
    return created;
  }

  /** Adds `count` users named `<prefix>-<n>` to an application (for paging tests). */
  seedUsers(applicationId: string, count: number, namePrefix = 'user'): User[] {
    const rec = this.apps.get(applicationId);
    if (!rec) throw new Error(`no application ${applicationId} in the sandbox`);
    const created: User[] = [];
    for (let i = 1; i <= count; i++) {
      let name = `${namePrefix}-${i}`;
      while (this.findUserByName(rec, name)) name += '-x';
      const user: User = { id: `USR-${crypto.randomUUID()}`, name, display_name: `User ${i}`, timestamp: { created: new Date().toISOString() } };
      rec.users.set(user.id, { seq: ++this.userSeq, user });
      created.push(clone(user));
    }
    return created;
  }

  // ---------- plumbing ----------

  private delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => { this.timers.delete(t); resolve(); }, ms);
      this.timers.add(t);
    });
  }

  private readBody(req: http.IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY_BYTES) { reject(new Error('body too large')); req.destroy(); return; }
        chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  }

  private send(ctx: Ctx, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    if (ctx.dropAnswer) {
      // The work is done (state changed); the answer never arrives.
      ctx.entry.status = 0;
      if (ctx.dropAnswer === 'reset') ctx.req.socket.destroy();
      else ctx.req.resume(); // never answered; stop() destroys the socket
      return;
    }
    ctx.entry.status = status;
    if (ctx.res.destroyed || ctx.res.writableEnded) return;
    if (body === undefined) {
      ctx.res.writeHead(status, headers);
      ctx.res.end();
      return;
    }
    const text = JSON.stringify(body);
    ctx.res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
    ctx.res.end(text);
  }

  private sendError(ctx: Ctx, reply: ErrorReply): void {
    this.send(ctx, reply.status, reply.body, reply.headers);
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/_sandbox' || url.pathname.startsWith('/_sandbox/')) {
      void this.control(req, res, method, url);
      return;
    }
    const entry: RequestLogEntry = { method, path: req.url ?? '/', status: 0 };
    this.log.push(entry);
    // Faults are taken in arrival order, then applied after the added latency.
    const fault = this.takeFault(method, url.pathname);
    void this.handle(req, res, entry, method, url, fault);
  }

  private takeFault(method: string, pathname: string): Fault | undefined {
    const i = this.faults.findIndex((f) => faultMatches(f.match, method, pathname));
    if (i < 0) return undefined;
    const f = this.faults[i];
    if (--f.remaining <= 0) this.faults.splice(i, 1);
    return f.fault;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse, entry: RequestLogEntry, method: string, url: URL, fault: Fault | undefined): Promise<void> {
    const ctx: Ctx = { req, res, entry, method, url, body: '' };
    try {
      if (this.latencyMs > 0) await this.delay(this.latencyMs);
      if (this.stopped) return;
      if (fault && 'kind' in fault && (fault.kind === 'resetAfter' || fault.kind === 'hangAfter')) {
        ctx.dropAnswer = fault.kind === 'resetAfter' ? 'reset' : 'hang';
      } else if (fault) { this.applyFault(ctx, fault); return; }
      ctx.body = await this.readBody(req);
      if (this.stopped) return;
      await this.route(ctx);
    } catch (e) {
      if (e instanceof HttpError) { this.sendError(ctx, e.reply); return; }
      if (this.stopped) return;
      // A sandbox bug: answer like the real service would, and leave a trace for whoever runs the tests.
      console.error('[vonage sandbox] unexpected error', e);
      this.sendError(ctx, url.pathname.startsWith(USERS) ? E.userServerError(500) : E.serverError(500));
    }
  }

  private applyFault(ctx: Ctx, fault: Fault): void {
    if ('kind' in fault) {
      if (fault.kind === 'reset') { ctx.entry.status = 0; ctx.req.socket.destroy(); return; }
      if (fault.kind === 'hang') { ctx.entry.status = 0; ctx.req.resume(); return; } // never answered; stop() destroys the socket
      if (fault.kind === 'resetAfter' || fault.kind === 'hangAfter') throw new Error(`${fault.kind} is applied after the request is processed`);
      const status = fault.status ?? 502;
      const html = E.gatewayHtml(status);
      ctx.entry.status = status;
      ctx.res.writeHead(status, { 'Content-Type': 'text/html', 'Content-Length': String(Buffer.byteLength(html)) });
      ctx.res.end(html);
      return;
    }
    if (fault.status === 429) {
      const reply = E.throttled(fault.retryAfterSeconds ?? 1);
      this.sendError(ctx, reply);
      return;
    }
    const own = this.moduleFor(ctx.url.pathname)?.faultReply?.(fault.status);
    if (own) {
      this.sendError(ctx, own);
      return;
    }
    if (fault.status === 409) {
      this.sendError(ctx, E.conflict(ctx.url.pathname.startsWith(USERS)));
      return;
    }
    this.sendError(ctx, ctx.url.pathname.startsWith(USERS) ? E.userServerError(fault.status) : E.serverError(fault.status));
  }

  private parseJson(ctx: Ctx, users: boolean): unknown {
    if (!isJsonContentType(ctx.req.headers['content-type'])) throw new HttpError(E.unsupportedContentType());
    try {
      return JSON.parse(ctx.body) as unknown;
    } catch {
      const invalid = [{ name: 'body', reason: 'must be valid JSON' }];
      throw new HttpError(users ? E.userValidation(invalid) : E.applicationValidation(invalid));
    }
  }

  private async route(ctx: Ctx): Promise<void> {
    const p = ctx.url.pathname.replace(/\/+$/, '') || '/';
    if (p === APPLICATIONS || p.startsWith(`${APPLICATIONS}/`)) {
      if (!acceptsJson(ctx.req.headers.accept)) throw new HttpError(E.notAcceptable());
      ctx.owner = this.basicAuthOwner(ctx.req);
      if (!ctx.owner) throw new HttpError(E.badCredentials());
      if (p === APPLICATIONS) {
        if (ctx.method === 'GET') return this.listApplications(ctx);
        if (ctx.method === 'POST') return this.createApplication(ctx);
        throw new HttpError(E.methodNotAllowed(ctx.method));
      }
      const id = decodeURIComponent(p.slice(APPLICATIONS.length + 1));
      if (id.includes('/')) throw new HttpError(E.routeNotFound(ctx.method, p));
      if (ctx.method === 'GET') return this.getApplication(ctx, id);
      if (ctx.method === 'PUT') return this.updateApplication(ctx, id);
      if (ctx.method === 'DELETE') return this.deleteApplication(ctx, id);
      throw new HttpError(E.methodNotAllowed(ctx.method));
    }
    const module = this.moduleFor(p);
    if (module) return module.handle(this.apiRequest(ctx, p));
    if (p === USERS || p.startsWith(`${USERS}/`)) {
      const rec = this.bearerApp(ctx.req);
      if (p === USERS) {
        if (ctx.method === 'GET') return this.listUsers(ctx, rec);
        if (ctx.method === 'POST') return this.createUser(ctx, rec);
        throw new HttpError(E.methodNotAllowed(ctx.method));
      }
      const id = decodeURIComponent(p.slice(USERS.length + 1));
      if (id.includes('/')) throw new HttpError(E.routeNotFound(ctx.method, p));
      if (ctx.method === 'GET') return this.getUser(ctx, rec, id);
      if (ctx.method === 'PATCH') return this.updateUser(ctx, rec, id);
      if (ctx.method === 'DELETE') return this.deleteUser(ctx, rec, id);
      throw new HttpError(E.methodNotAllowed(ctx.method));
    }
    throw new HttpError(E.routeNotFound(ctx.method, p));
  }

  private moduleFor(path: string): SandboxApi | undefined {
    const p = path.replace(/\/+$/, '') || '/';
    return this.modules.find((m) => m.owns(p));
  }

  private apiRequest(ctx: Ctx, path: string): ApiRequest {
    return {
      method: ctx.method,
      url: ctx.url,
      path,
      headers: ctx.req.headers,
      body: ctx.body,
      params: () => {
        const all = new URLSearchParams(ctx.url.searchParams);
        if ((ctx.req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
          for (const [k, v] of new URLSearchParams(ctx.body)) if (!all.has(k)) all.append(k, v);
        }
        return all;
      },
      baseUrl: () => this.baseUrl(ctx),
      send: (status, body, headers) => this.send(ctx, status, body, headers),
    };
  }

  // ---------- auth ----------

  /** The API key of the account whose key and secret the Basic header carries, or undefined. */
  private basicAuthOwner(req: http.IncomingMessage): string | undefined {
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m) return undefined;
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i < 0) return undefined;
    const given = Buffer.from(decoded);
    for (const [key, secret] of this.accounts) {
      const expected = Buffer.from(`${key}:${secret}`);
      if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) return key;
    }
    return undefined;
  }

  /** The application `id` of the requesting account (another account's application is a 404, as at Vonage). */
  private ownApp(ctx: Ctx, id: string): AppRecord {
    const rec = this.apps.get(id);
    if (!rec || rec.owner !== ctx.owner) throw new HttpError(E.applicationNotFound(id));
    return rec;
  }

  /**
   * Verifies a Bearer token (admin or user JWT) against the public key of the application its
   * application_id names, and a user token's ACL against the path (see userTokens.ts).
   */
  private bearerApp(req: http.IncomingMessage): AppRecord {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m) throw new HttpError(E.invalidToken());
    const path = new URL(req.url ?? '/', 'http://sandbox').pathname;
    const token = this.verifyBearer(m[1], path);
    return this.apps.get(token.applicationId)!;
  }

  /** The verified token for a request to `path`, or an HttpError saying why not (401/403 with the reason). */
  verifyBearer(token: string, path: string): VerifiedToken {
    try {
      const verified = verifyToken(token, (id) => this.apps.get(id)?.keyObject);
      checkAcl(verified, path);
      return verified;
    } catch (e) {
      if (e instanceof TokenRejected) throw new HttpError(E.tokenRejected(e.status, e.reason));
      throw e;
    }
  }

  // ---------- applications ----------

  private appView(r: AppRecord): Application {
    const a = clone(r.app);
    return {
      id: a.id,
      name: a.name,
      keys: { public_key: r.publicKey },
      ...(a.capabilities ? { capabilities: a.capabilities } : {}),
      ...(a.privacy !== undefined ? { privacy: a.privacy } : {}),
      _links: { self: { href: `${APPLICATIONS}/${a.id}` } },
    };
  }

  private intParam(ctx: Ctx, name: string, dflt: number, min: number, max: number, out: InvalidParameter[], users: boolean): number {
    const raw = ctx.url.searchParams.get(name);
    if (raw === null) return dflt;
    if (!/^\d+$/.test(raw)) {
      out.push({ name, reason: users ? `"${name}" must be a number` : 'must be an integer' });
      return dflt;
    }
    const n = Number(raw);
    if (n < min || n > max) {
      out.push({ name, reason: users ? `"${name}" must be between ${min} and ${max}` : max === Number.MAX_SAFE_INTEGER ? `must be at least ${min}` : `must be between ${min} and ${max}` });
      return dflt;
    }
    return n;
  }

  private listApplications(ctx: Ctx): void {
    const invalid: InvalidParameter[] = [];
    const pageSize = this.intParam(ctx, 'page_size', 10, 1, 100, invalid, false);
    const page = this.intParam(ctx, 'page', 1, 1, Number.MAX_SAFE_INTEGER, invalid, false);
    if (invalid.length) throw new HttpError(E.applicationValidation(invalid, true));
    const all = [...this.apps.values()].filter((r) => r.owner === ctx.owner);
    const totalPages = Math.ceil(all.length / pageSize);
    const items = all.slice((page - 1) * pageSize, page * pageSize).map((r) => this.appView(r));
    const href = (n: number) => ({ href: `${APPLICATIONS}?page_size=${pageSize}&page=${n}` });
    // The live API adds HAL _links (the SDK follows _links.next); the official schema omits them.
    const links: Json = { self: href(page), first: href(1), last: href(Math.max(totalPages, 1)) };
    if (page < totalPages) links.next = href(page + 1);
    if (page > 1 && page <= totalPages + 1) links.prev = href(page - 1);
    this.send(ctx, 200, {
      page_size: pageSize,
      page,
      total_items: all.length,
      total_pages: totalPages,
      _embedded: { applications: items },
      _links: links,
    });
  }

  private async createApplication(ctx: Ctx): Promise<void> {
    const body = this.parseJson(ctx, false);
    const invalid = validateApplicationBody(body);
    if (invalid.length) throw new HttpError(E.applicationValidation(invalid));
    const b = body as Json;
    const given = isObject(b.keys) && typeof b.keys.public_key === 'string' ? b.keys.public_key : undefined;
    const pair = given ? undefined : await generateRsaKeyPair();
    if (this.stopped) return;
    const publicKey = given ?? pair!.publicKey;
    const rec: AppRecord = {
      owner: ctx.owner!,
      app: this.appFromBody(crypto.randomUUID(), b),
      publicKey,
      keyObject: parsePublicKey(publicKey)!,
      users: new Map(),
    };
    this.apps.set(rec.app.id, rec);
    const view = this.appView(rec);
    // The only time Vonage ever returns the private key: in this 201, and only when it generated the pair.
    if (pair) view.keys = { public_key: pair.publicKey, private_key: pair.privateKey };
    this.send(ctx, 201, view);
  }

  private appFromBody(id: string, b: Json): Application {
    const privacy = isObject(b.privacy) ? b.privacy : {};
    return {
      id,
      name: String(b.name),
      capabilities: isObject(b.capabilities) ? clone(b.capabilities) : {},
      privacy: { improve_ai: typeof privacy.improve_ai === 'boolean' ? privacy.improve_ai : false },
    };
  }

  private getApplication(ctx: Ctx, id: string): void {
    this.send(ctx, 200, this.appView(this.ownApp(ctx, id)));
  }

  private updateApplication(ctx: Ctx, id: string): void {
    const rec = this.ownApp(ctx, id);
    const body = this.parseJson(ctx, false);
    const invalid = validateApplicationBody(body);
    if (invalid.length) throw new HttpError(E.applicationValidation(invalid));
    const b = body as Json;
    // PUT replaces name, capabilities and privacy; the key pair stays unless a new public key is sent.
    rec.app = this.appFromBody(id, b);
    if (isObject(b.keys) && typeof b.keys.public_key === 'string') {
      rec.publicKey = b.keys.public_key;
      rec.keyObject = parsePublicKey(b.keys.public_key)!;
    }
    this.send(ctx, 200, this.appView(rec));
  }

  private deleteApplication(ctx: Ctx, id: string): void {
    this.apps.delete(this.ownApp(ctx, id).app.id);
    this.send(ctx, 204);
  }

  // ---------- users ----------

  private baseUrl(ctx: Ctx): string {
    const host = ctx.req.headers.host;
    return host ? `http://${host}` : this.url;
  }

  private userView(ctx: Ctx, u: User, lite: boolean): User {
    const links = { self: { href: `${this.baseUrl(ctx)}${USERS}/${encodeURIComponent(u.id)}` } };
    if (lite) {
      return { id: u.id, name: u.name, ...(u.display_name !== undefined ? { display_name: u.display_name } : {}), _links: links };
    }
    return { ...clone(u), _links: links };
  }

  private findUserByName(rec: AppRecord, name: string): UserRecord | undefined {
    for (const r of rec.users.values()) if (r.user.name === name) return r;
    return undefined;
  }

  private encodeCursor(c: Cursor): string {
    return Buffer.from(JSON.stringify(c)).toString('base64url');
  }

  private decodeCursor(raw: string, appId: string): Cursor | undefined {
    try {
      const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
      if (!isObject(c) || c.a !== appId || typeof c.s !== 'number' || (c.d !== 'n' && c.d !== 'p') || (c.o !== 'asc' && c.o !== 'desc')) return undefined;
      if (c.n !== undefined && typeof c.n !== 'string') return undefined;
      return c as unknown as Cursor;
    } catch {
      return undefined;
    }
  }

  private listUsers(ctx: Ctx, rec: AppRecord): void {
    const q = ctx.url.searchParams;
    const invalid: InvalidParameter[] = [];
    const pageSize = this.intParam(ctx, 'page_size', 10, 1, 100, invalid, true);
    const orderRaw = q.get('order');
    let order: 'asc' | 'desc' = 'asc';
    if (orderRaw !== null) {
      if (!/^(asc|desc)$/i.test(orderRaw)) invalid.push({ name: 'order', reason: '"order" must be one of [asc, desc, ASC, DESC]' });
      else order = orderRaw.toLowerCase() as 'asc' | 'desc';
    }
    let name = q.get('name') ?? undefined;
    const cursorRaw = q.get('cursor');
    let cursor: Cursor | undefined;
    if (cursorRaw !== null) {
      cursor = this.decodeCursor(cursorRaw, rec.app.id);
      if (!cursor) invalid.push({ name: 'cursor', reason: '"cursor" is invalid' });
      else { order = cursor.o; name = cursor.n; }
    }
    if (invalid.length) throw new HttpError(E.userValidation(invalid));

    let list = [...rec.users.values()].sort((a, b) => a.seq - b.seq);
    if (name !== undefined) list = list.filter((r) => r.user.name === name);
    if (order === 'desc') list.reverse();
    const before = (a: number, b: number) => (order === 'asc' ? a < b : a > b);
    let page: UserRecord[];
    if (!cursor) page = list.slice(0, pageSize);
    else if (cursor.d === 'n') page = list.filter((r) => before(cursor.s, r.seq)).slice(0, pageSize);
    else {
      const earlier = list.filter((r) => before(r.seq, cursor.s));
      page = earlier.slice(Math.max(0, earlier.length - pageSize));
    }
    const first = page[0];
    const last = page[page.length - 1];
    const hasNext = last !== undefined && list.some((r) => before(last.seq, r.seq));
    const hasPrev = first !== undefined && list.some((r) => before(r.seq, first.seq));

    const base = `${this.baseUrl(ctx)}${USERS}?order=${order}&page_size=${pageSize}${name !== undefined ? `&name=${encodeURIComponent(name)}` : ''}`;
    const withCursor = (c: Cursor) => ({ href: `${base}&cursor=${encodeURIComponent(this.encodeCursor(c))}` });
    const links: Json = {
      first: { href: base },
      self: cursorRaw !== null ? { href: `${base}&cursor=${encodeURIComponent(cursorRaw)}` } : { href: base },
    };
    const common = { a: rec.app.id, o: order, ...(name !== undefined ? { n: name } : {}) };
    if (hasNext) links.next = withCursor({ ...common, s: last.seq, d: 'n' });
    if (hasPrev) links.prev = withCursor({ ...common, s: first.seq, d: 'p' });
    this.send(ctx, 200, {
      page_size: pageSize,
      _embedded: { users: page.map((r) => this.userView(ctx, r.user, true)) },
      _links: links,
    });
  }

  private createUser(ctx: Ctx, rec: AppRecord): void {
    const body = ctx.body.trim() === '' ? {} : this.parseJson(ctx, true);
    const invalid = validateUserBody(body, true);
    if (invalid.length) throw new HttpError(E.userValidation(invalid));
    const b = body as Json;
    const id = `USR-${crypto.randomUUID()}`;
    const name = typeof b.name === 'string' ? b.name : `NAM-${crypto.randomUUID()}`;
    if (this.findUserByName(rec, name)) throw new HttpError(E.duplicateUserName());
    const user: User = { id, name };
    for (const f of ['display_name', 'image_url', 'properties', 'channels'] as const) if (b[f] !== undefined) (user as Json)[f] = clone(b[f]);
    user.timestamp = { created: new Date().toISOString() };
    rec.users.set(id, { seq: ++this.userSeq, user });
    this.send(ctx, 201, this.userView(ctx, user, false));
  }

  private getUser(ctx: Ctx, rec: AppRecord, id: string): void {
    const r = rec.users.get(id);
    if (!r) throw new HttpError(E.userNotFound());
    this.send(ctx, 200, this.userView(ctx, r.user, false));
  }

  private updateUser(ctx: Ctx, rec: AppRecord, id: string): void {
    const r = rec.users.get(id);
    if (!r) throw new HttpError(E.userNotFound());
    const body = this.parseJson(ctx, true);
    const invalid = validateUserBody(body, false);
    if (invalid.length) throw new HttpError(E.userValidation(invalid));
    const b = body as Json;
    if (typeof b.name === 'string' && b.name !== r.user.name && this.findUserByName(rec, b.name)) throw new HttpError(E.duplicateUserName());
    for (const f of ['name', 'display_name', 'image_url', 'properties', 'channels'] as const) if (b[f] !== undefined) (r.user as Json)[f] = clone(b[f]);
    r.user.timestamp = { ...(isObject(r.user.timestamp) ? r.user.timestamp : {}), updated: new Date().toISOString() };
    this.send(ctx, 200, this.userView(ctx, r.user, false));
  }

  private deleteUser(ctx: Ctx, rec: AppRecord, id: string): void {
    if (!rec.users.delete(id)) throw new HttpError(E.userNotFound());
    this.send(ctx, 204);
  }

  // ---------- /_sandbox/ control endpoints (no auth, no faults, no latency, not logged) ----------

  private async control(req: http.IncomingMessage, res: http.ServerResponse, method: string, url: URL): Promise<void> {
    const reply = (status: number, body?: unknown) => {
      if (res.destroyed) return;
      if (body === undefined) { res.writeHead(status); res.end(); return; }
      const text = JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(text);
    };
    try {
      const raw = await this.readBody(req);
      let body: Json = {};
      if (raw.trim()) {
        const parsed = JSON.parse(raw) as unknown;
        if (!isObject(parsed)) throw new Error('body must be a JSON object');
        body = parsed;
      }
      const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
      switch (route) {
        case 'POST /_sandbox/faults': {
          const count = body.count === undefined ? 1 : body.count;
          const match = isObject(body.match) ? body.match : undefined;
          this.failNext(count as number, validateFault(body.fault), match && {
            ...(typeof match.method === 'string' ? { method: match.method } : {}),
            ...(typeof match.pathPrefix === 'string' ? { pathPrefix: match.pathPrefix } : {}),
          });
          return reply(204);
        }
        case 'DELETE /_sandbox/faults': this.clearFaults(); return reply(204);
        case 'POST /_sandbox/reset': this.reset(); return reply(204);
        case 'POST /_sandbox/latency': this.setLatency(body.ms as number); return reply(204);
        case 'GET /_sandbox/state':
          return reply(200, {
            applications: [...this.apps.values()].map((r) => ({ ...this.appView(r), users: [...r.users.values()].map((u) => u.user) })),
            requests: this.log,
            latencyMs: this.latencyMs,
            pendingFaults: this.faults,
            ...Object.assign({}, ...this.modules.map((m) => m.state?.() ?? {})) as Json,
          });
        case 'POST /_sandbox/seed': {
          const created = this.seedApplications(body.count as number, typeof body.publicKey === 'string' ? body.publicKey : '', typeof body.namePrefix === 'string' ? body.namePrefix : undefined);
          return reply(201, { applications: created.map((a) => a.id) });
        }
        default: {
          for (const m of this.modules) {
            const answer = await m.control?.(route, body);
            if (answer) return reply(answer.status, answer.body);
          }
          const known = ['POST /_sandbox/faults', 'DELETE /_sandbox/faults', 'POST /_sandbox/reset', 'POST /_sandbox/latency', 'POST /_sandbox/seed', 'GET /_sandbox/state', ...this.modules.flatMap((m) => m.controlRoutes ?? [])];
          return reply(404, { title: 'Not Found', detail: `No sandbox control endpoint ${route}. Try ${known.join(', ')}.` });
        }
      }
    } catch (e) {
      reply(400, { title: 'Bad Request', detail: e instanceof Error ? e.message : String(e) });
    }
  }
}

export function startSandbox(opts: SandboxOptions = {}): Promise<VonageSandbox> {
  return new Promise((resolve, reject) => {
    const server = http.createServer();
    server.keepAliveTimeout = 5000;
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : (opts.port ?? 0);
      resolve(new VonageSandbox(server, port, opts));
    });
  });
}
