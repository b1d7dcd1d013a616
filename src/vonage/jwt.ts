// Client SDK user tokens and admin tokens, signed RS256. Signing is the hot path: each private key PEM
// is parsed (and checked: at least 2048 bits) once into a KeyObject and reused, the header's base64url
// is computed once, and each token is one JSON.stringify and one crypto.sign. jsonwebtoken (still used
// to verify) re-validated its options, the claims and the key's size on every call.
import * as crypto from 'crypto';
import * as jsonwebtoken from 'jsonwebtoken';
import { VonageInputError } from './errors';
import { parsePrivateKey } from './keys';
import type { RenewalPlan } from './tokens/renewal';

export interface Acl {
  paths: Record<string, Record<string, unknown>>;
}

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/** The tutorial's Client SDK ACL (shared/vonage-api/README.md): every Client SDK path, any API version. */
export const CLIENT_SDK_ACL: Acl = deepFreeze({
  paths: {
    '/*/users/**': {},
    '/*/conversations/**': {},
    '/*/sessions/**': {},
    '/*/devices/**': {},
    '/*/image/**': {},
    '/*/media/**': {},
    '/*/applications/**': {},
    '/*/push/**': {},
    '/*/knocking/**': {},
    '/*/legs/**': {},
  },
});

export const MAX_USER_TTL_SECONDS = 86400;
export const DEFAULT_USER_TTL_SECONDS = 86400;
export const DEFAULT_ADMIN_TTL_SECONDS = 900;

/** A lifetime in words for people: "1 hour", "8 hours", "15 minutes", "90 seconds". */
export function formatSeconds(n: number): string {
  if (n % 3600 === 0) return `${n / 3600} hour${n === 3600 ? '' : 's'}`;
  if (n % 60 === 0) return `${n / 60} minute${n === 60 ? '' : 's'}`;
  return `${n} second${n === 1 ? '' : 's'}`;
}

/** "3600 seconds (1 hour)", "120 seconds (2 minutes)"; just "90 seconds" when there is no nicer unit. */
function secondsInWords(n: number): string {
  const plain = `${n} second${n === 1 ? '' : 's'}`;
  const words = formatSeconds(n);
  return words === plain ? plain : `${plain} (${words})`;
}

/** A lifetime in whole seconds, 1..max. Numeric strings are accepted (InputBox text). */
export function validateTtl(value: unknown, max: number = MAX_USER_TTL_SECONDS): number {
  const field = 'ttlSeconds';
  let n: number;
  if (typeof value === 'number') {
    n = value;
  } else if (typeof value === 'string' && /^\s*[+-]?\d+(\.\d+)?\s*$/.test(value)) {
    n = Number(value.trim());
  } else {
    const shown = typeof value === 'string' ? `"${value.trim()}"` : String(value);
    throw new VonageInputError(`The token lifetime ${shown} is not a number. Give it in seconds, e.g. 3600 for one hour (at most ${max}).`, field);
  }
  if (!Number.isFinite(n) || !Number.isInteger(n)) {
    throw new VonageInputError(`The token lifetime must be a whole number of seconds, not ${n}. For example 3600 is one hour.`, field);
  }
  if (n <= 0) throw new VonageInputError(`The token lifetime must be at least 1 second, not ${n}.`, field);
  if (n > max) {
    if (n >= 1e12) {
      throw new VonageInputError(
        `The token lifetime ${n} looks like milliseconds (a Date.now() timestamp); use seconds from now instead, e.g. ${max} for ${formatSeconds(max)}.`,
        field,
      );
    }
    if (n >= 1e9) {
      throw new VonageInputError(
        `The token lifetime ${n} looks like an absolute time (a Unix timestamp) or milliseconds; give the lifetime in seconds from now instead, at most ${max} (${formatSeconds(max)}).`,
        field,
      );
    }
    if (n <= max * 1000 && n % 1000 === 0) {
      const seconds = n / 1000;
      throw new VonageInputError(
        `The token lifetime ${n} is longer than the maximum of ${secondsInWords(max)}. If you meant milliseconds, that is ${secondsInWords(seconds)}: enter ${seconds}.`,
        field,
      );
    }
    throw new VonageInputError(
      `The token lifetime is at most ${max} seconds (${formatSeconds(max)}), the longest Vonage accepts; ${n} is longer.`,
      field,
    );
  }
  return n;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An ACL from JSON text or an object, shaped {"paths": {"/path/**": {...}, ...}}. Returns a fresh copy. */
export function parseAcl(value: unknown): Acl {
  const field = 'acl';
  let v = value;
  if (typeof v === 'string') {
    const text = v.trim();
    if (text === '') throw new VonageInputError('The ACL is empty. Enter JSON such as {"paths": {"/*/users/**": {}}}, or use the Client SDK preset.', field);
    try {
      v = JSON.parse(text);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new VonageInputError(`The ACL is not valid JSON (${why}). Enter JSON such as {"paths": {"/*/users/**": {}}}.`, field);
    }
  }
  if (!isPlainObject(v)) {
    throw new VonageInputError('The ACL must be a JSON object with a "paths" object, e.g. {"paths": {"/*/users/**": {}}}.', field);
  }
  const extra = Object.keys(v).filter((k) => k !== 'paths');
  if (extra.length > 0) {
    throw new VonageInputError(`The ACL has an unexpected key "${extra[0]}"; an ACL holds only "paths", e.g. {"paths": {"/*/users/**": {}}}.`, field);
  }
  const paths = v.paths;
  if (!isPlainObject(paths)) {
    throw new VonageInputError(
      `The ACL's "paths" must be an object mapping each path to its rules, e.g. {"paths": {"/*/users/**": {}}}${Array.isArray(paths) ? ', not a list' : ''}.`,
      field,
    );
  }
  const keys = Object.keys(paths);
  if (keys.length === 0) {
    throw new VonageInputError('The ACL allows no path, so the token could do nothing. Add at least one, e.g. "/*/users/**": {}.', field);
  }
  const out: Record<string, Record<string, unknown>> = {};
  for (const p of keys) {
    if (!p.startsWith('/')) {
      throw new VonageInputError(`The ACL path "${p}" must start with "/", e.g. "/*/users/**".`, field);
    }
    const rules = paths[p];
    if (!isPlainObject(rules)) {
      throw new VonageInputError(`The rules for ACL path "${p}" must be an object ({} allows everything under it), not ${JSON.stringify(rules)}.`, field);
    }
    out[p] = JSON.parse(JSON.stringify(rules)) as Record<string, unknown>;
  }
  return { paths: out };
}

export interface UserTokenInput {
  applicationId: string;
  privateKey: string;
  sub: string;
  ttlSeconds?: number;
  acl?: Acl;
}

export interface AdminTokenInput {
  applicationId: string;
  privateKey: string;
  ttlSeconds?: number;
  acl?: Acl;
}

const HEADER = Object.freeze({ alg: 'RS256' as const, typ: 'JWT' });
const HEADER_B64 = Buffer.from(JSON.stringify(HEADER)).toString('base64url');
const KEY_CACHE_SIZE = 16;
/** RS256 keys shorter than this are refused. */
const MIN_RSA_BITS = 2048;

export class JwtSigner {
  private readonly now: () => number;
  private readonly uuid: () => string;
  private readonly keys = new Map<string, crypto.KeyObject>();
  private readonly checkedAcls = new WeakSet<object>([CLIENT_SDK_ACL]);
  /** How many times a PEM was parsed into a KeyObject (a cache miss). */
  keyParses = 0;

  constructor(opts?: { now?: () => number; uuid?: () => string }) {
    this.now = opts?.now ?? Date.now;
    this.uuid = opts?.uuid ?? crypto.randomUUID;
  }

  /** The parsed key for a PEM, parsed on first use only (small FIFO cache keyed by the PEM text). */
  private key(pem: string): crypto.KeyObject {
    const hit = this.keys.get(pem);
    if (hit) return hit;
    const { key } = parsePrivateKey(pem);
    const bits = key.asymmetricKeyDetails?.modulusLength;
    if (bits !== undefined && bits < MIN_RSA_BITS) { // jsonwebtoken's rule, checked once per parsed key
      throw new VonageInputError(`This RSA key has ${bits} bits; RS256 tokens need a key of at least ${MIN_RSA_BITS} bits. Use the application's own private key.`, 'privateKey');
    }
    this.keyParses++;
    if (this.keys.size >= KEY_CACHE_SIZE) this.keys.delete(this.keys.keys().next().value as string);
    this.keys.set(pem, key);
    return key;
  }

  private acl(acl: Acl | undefined): Acl {
    if (acl === undefined) return CLIENT_SDK_ACL;
    if (this.checkedAcls.has(acl)) return acl;
    parseAcl(acl); // throws when malformed
    this.checkedAcls.add(acl);
    return acl;
  }

  private base(applicationId: string, ttl: number): { application_id: string; iat: number; jti: string; exp: number } {
    if (typeof applicationId !== 'string' || applicationId.trim() === '') {
      throw new VonageInputError('The application id is empty. Pick the application the token is for.', 'applicationId');
    }
    const iat = Math.floor(this.now() / 1000);
    return { application_id: applicationId.trim(), iat, jti: this.uuid(), exp: iat + ttl };
  }

  /**
   * The JWS compact serialization of `claims`, RS256: base64url(header).base64url(claims).signature.
   * Signed with node's crypto directly rather than jsonwebtoken.sign, which re-validates its options and
   * the payload on every call (about a tenth of the cost of a signature); every claim is checked here
   * before, and the tests verify the tokens with jsonwebtoken.
   */
  private sign(claims: object, privateKey: string): string {
    const input = `${HEADER_B64}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return `${input}.${crypto.sign('sha256', Buffer.from(input), this.key(privateKey)).toString('base64url')}`;
  }

  /** A Client SDK login token for the user named `sub`. */
  signUserToken(input: UserTokenInput): string {
    const ttl = input.ttlSeconds === undefined ? DEFAULT_USER_TTL_SECONDS : validateTtl(input.ttlSeconds, MAX_USER_TTL_SECONDS);
    if (typeof input.sub !== 'string' || input.sub.trim() === '') {
      throw new VonageInputError('The user name (sub) is empty. Pick the user the token is for.', 'sub');
    }
    const acl = this.acl(input.acl);
    const claims = { ...this.base(input.applicationId, ttl), sub: input.sub, acl };
    return this.sign(claims, input.privateKey);
  }

  /**
   * A renewed token (the token lens's Regenerate): the plan's claims as they were — application_id, sub,
   * acl, custom claims — with a fresh iat, jti and exp (and nbf = iat when the old one had nbf).
   */
  signRenewal(plan: RenewalPlan, privateKey: string): string {
    const ttl = validateTtl(plan.ttlSeconds, MAX_USER_TTL_SECONDS);
    const fresh = this.base(plan.applicationId, ttl);
    const claims: Record<string, unknown> = { ...plan.kept, ...fresh };
    if (plan.withNotBefore) claims.nbf = fresh.iat;
    return this.sign(claims, privateKey);
  }

  /** An application (admin) token, as the Users API wants: no `sub`. */
  signAdminToken(input: AdminTokenInput): string {
    const ttl = input.ttlSeconds === undefined ? DEFAULT_ADMIN_TTL_SECONDS : validateTtl(input.ttlSeconds, MAX_USER_TTL_SECONDS);
    const claims: Record<string, unknown> = this.base(input.applicationId, ttl);
    if (input.acl !== undefined) claims.acl = this.acl(input.acl);
    return this.sign(claims, input.privateKey);
  }
}

export interface DecodedToken {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  issuedAt?: Date;
  expiresAt?: Date;
  expired: boolean;
  expiresInWords: string;
}

/** A segment: base64url, with up to two '=' of padding some tools leave on (the scanner finds such tokens too). */
const SEGMENT = /^[A-Za-z0-9_-]+={0,2}$/;

/** Text that is no JWT; `reason` says why without repeating so ("a JWT has three parts…", "its header is not JSON"). */
export class NotAJwtError extends VonageInputError {
  constructor(message: string, readonly reason: string) {
    super(message, 'token');
  }
}

function decodePart(part: string, what: string): Record<string, unknown> {
  const notAJwt = (problem: string) => new NotAJwtError(`The token's ${what} ${problem}, so this is not a JWT.`, `its ${what} ${problem}`);
  if (!SEGMENT.test(part)) throw notAJwt('is not base64url text');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(part.replace(/=+$/, ''), 'base64url').toString('utf8'));
  } catch {
    throw notAJwt('is not JSON');
  }
  if (!isPlainObject(parsed)) throw notAJwt('is not a JSON object');
  return parsed;
}

function cleanToken(token: string): string {
  if (typeof token !== 'string' || token.trim() === '') throw new VonageInputError('The token is empty. Paste a JWT (three parts separated by dots).', 'token');
  return token.trim().replace(/^Bearer\s+/i, '').replace(/^["']|["']$/g, '');
}

/** "in 23 hours", "2 minutes ago", "in 45 seconds". */
export function relativeTime(targetMs: number, nowMs: number): string {
  const diff = Math.round((targetMs - nowMs) / 1000);
  const abs = Math.abs(diff);
  // Rounded, not floored: a 24-hour token shown a second after it was signed expires "in 24 hours".
  const minutes = Math.round(abs / 60);
  const hours = Math.round(abs / 3600);
  let amount: number;
  let unit: string;
  if (abs < 60) [amount, unit] = [abs, 'second'];
  else if (minutes < 60) [amount, unit] = [minutes, 'minute'];
  else if (hours < 48) [amount, unit] = [hours, 'hour'];
  else [amount, unit] = [Math.round(abs / 86400), 'day'];
  const phrase = `${amount} ${unit}${amount === 1 ? '' : 's'}`;
  if (diff === 0) return 'now';
  return diff > 0 ? `in ${phrase}` : `${phrase} ago`;
}

/** Header, claims and expiry of any JWT, without checking the signature. */
export function decodeToken(token: string, now: number = Date.now()): DecodedToken {
  const parts = cleanToken(token).split('.');
  if (parts.length !== 3) {
    const reason = `a JWT has three parts separated by dots, this has ${parts.length}`;
    throw new NotAJwtError(`This is not a JWT: ${reason}.`, reason);
  }
  const header = decodePart(parts[0], 'header');
  const claims = decodePart(parts[1], 'payload');
  const issuedAt = typeof claims.iat === 'number' ? new Date(claims.iat * 1000) : undefined;
  const expiresAt = typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : undefined;
  const expired = expiresAt !== undefined && expiresAt.getTime() <= now;
  let expiresInWords: string;
  if (!expiresAt) expiresInWords = 'no expiry set (Vonage applies 15 minutes)';
  else expiresInWords = expired ? `expired ${relativeTime(expiresAt.getTime(), now)}` : `expires ${relativeTime(expiresAt.getTime(), now)}`;
  return { header, claims, issuedAt, expiresAt, expired, expiresInWords };
}

/** The claims of a token whose RS256 signature matches the public key and which has not expired. */
export function verifyToken(token: string, publicKeyPem: string): Record<string, unknown> {
  const t = cleanToken(token);
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey(publicKeyPem.replace(/\r\n?/g, '\n'));
  } catch {
    throw new VonageInputError('The public key is not a PEM key (-----BEGIN PUBLIC KEY-----).', 'publicKey');
  }
  try {
    const claims = jsonwebtoken.verify(t, key, { algorithms: ['RS256'] });
    return typeof claims === 'string' ? { value: claims } : (claims);
  } catch (e) {
    if (e instanceof jsonwebtoken.TokenExpiredError) {
      throw new VonageInputError(`The token expired at ${e.expiredAt.toISOString()}. Generate a new one.`, 'token');
    }
    if (e instanceof jsonwebtoken.JsonWebTokenError && /signature/.test(e.message)) {
      throw new VonageInputError('The token was not signed with the private key that matches this public key.', 'token');
    }
    const why = e instanceof Error ? e.message : String(e);
    throw new VonageInputError(`The token is not valid: ${why}.`, 'token');
  }
}
