// The signature check of a callback Vonage sends (answer, event, fallback, rtc), as Vonage documents it
// ("Decoding signed webhooks", developer.vonage.com/getting-started/concepts/webhooks; the source kept in
// Nexmo/station _documentation/en/concepts/guides/webhooks.md):
// - a JWT in `Authorization: Bearer`, header {alg: HS256, typ: JWT}, signed with the account's signature
//   secret (the one of the `api_key` claim);
// - claims iat (seconds), jti, iss "Vonage", payload_hash, api_key, application_id (optional). Vonage's
//   sample token carries no `exp`; one that does is honoured;
// - payload_hash: the SHA-256 (hex) of the request's payload: the body of a POST; for a GET, the query's
//   parameters as a JSON object, in their order, without whitespace (Vonage support article 19033783342876,
//   "How do I verify that the Voice API Webhook request and its payload has not been tampered").
// @vonage/jwt's verifySignature checks the signature (and jsonwebtoken's exp) only: this checks the
// signature, the key of this account, iat not in the future, exp if any, and the payload hash.
import * as crypto from 'crypto';

/**
 * valid; invalid (a rule failed: `reason` says which); unsigned (no Bearer token); unchecked (signed, but there is no
 * signature secret to check it with: nothing is wrong with it that anyone knows, and nothing is proven either).
 */
export type SignatureVerdict = 'valid' | 'invalid' | 'unsigned' | 'unchecked';

export interface SignatureCheck {
  verdict: SignatureVerdict;
  /** Why it is invalid, or why it was not checked, as a sentence. */
  reason?: string;
  /** The token's claims, decoded (for display; never the token itself). Absent when unsigned or unreadable. */
  claims?: Record<string, unknown>;
}

export interface SignedRequest {
  method: string;
  /** The raw query string, without the leading "?" ('' when none). */
  query: string;
  /** The raw body as received. */
  body: string | Buffer;
  /** The Authorization header, if any. */
  authorization?: string;
}

export interface SignatureKey {
  /** The account's signature secret; undefined when none is set. */
  secret: string | undefined;
  /** The account's API key: the `api_key` claim must be it. */
  apiKey: string;
}

/** Seconds an `iat` may lie ahead of this clock (two clocks never agree to the second). */
export const CLOCK_SKEW_SECONDS = 60;

/** The check of one callback: `valid`, `invalid` with the reason, `unsigned` (no Bearer token), or `unchecked` (no secret to check it with). */
export function checkSignature(req: SignedRequest, key: SignatureKey, nowMs: number = Date.now()): SignatureCheck {
  const token = bearerToken(req.authorization);
  if (token === undefined) return { verdict: 'unsigned' };
  const parts = decodeJwt(token);
  if (!parts) return invalid('The Authorization header holds no readable JWT.');
  const { header, claims } = parts;
  if (header.alg !== 'HS256') return invalid(`The token is signed ${JSON.stringify(header.alg ?? null)}, not HS256 as Vonage signs callbacks.`, claims);
  if (!key.secret) return unchecked(`no signature secret is set for the account ${key.apiKey} in this editor (Vonage: Set Signature Secret)`, claims);
  if (!hs256Matches(token, key.secret)) return invalid(`The signature does not match the signature secret of the account ${key.apiKey}.`, claims);
  return checkClaims(req, key, claims, nowMs);
}

function checkClaims(req: SignedRequest, key: SignatureKey, claims: Record<string, unknown>, nowMs: number): SignatureCheck {
  if (claims.api_key !== key.apiKey) {
    return invalid(`The token was issued for the API key ${JSON.stringify(claims.api_key ?? null)}, not ${key.apiKey} (this account).`, claims);
  }
  const now = Math.floor(nowMs / 1000);
  if (typeof claims.iat !== 'number') return invalid('The token has no issued-at time (iat).', claims);
  if (claims.iat > now + CLOCK_SKEW_SECONDS) {
    return invalid(`The token was issued in the future (iat ${new Date(claims.iat * 1000).toISOString()}, ${claims.iat - now} s ahead of this clock).`, claims);
  }
  if (typeof claims.exp === 'number' && claims.exp < now - CLOCK_SKEW_SECONDS) {
    return invalid(`The token expired at ${new Date(claims.exp * 1000).toISOString()}.`, claims);
  }
  if (typeof claims.payload_hash !== 'string') return invalid('The token has no payload_hash, so the body cannot be checked.', claims);
  const actual = payloadHash(req);
  if (!sameText(claims.payload_hash.toLowerCase(), actual)) {
    return invalid(`The ${isGet(req.method) ? 'query' : 'body'} does not match the token's payload_hash: it was changed after Vonage signed it.`, claims);
  }
  return { verdict: 'valid', claims };
}

function invalid(reason: string, claims?: Record<string, unknown>): SignatureCheck {
  return claims ? { verdict: 'invalid', reason, claims } : { verdict: 'invalid', reason };
}

/** Signed, but not checked: `why` is the rest of "Signed, but not checked: …". */
export function unchecked(why: string, claims?: Record<string, unknown>): SignatureCheck {
  const reason = `Signed, but not checked: ${why}.`;
  return claims ? { verdict: 'unchecked', reason, claims } : { verdict: 'unchecked', reason };
}

/** The SHA-256 (hex) Vonage puts in payload_hash: of the body, or for a GET of its query as compact JSON. */
export function payloadHash(req: Pick<SignedRequest, 'method' | 'query' | 'body'>): string {
  return crypto.createHash('sha256').update(isGet(req.method) ? queryAsJson(req.query) : req.body).digest('hex');
}

/** A GET's query parameters as the JSON object Vonage hashes: in their order, no whitespace; a repeated name keeps its last value. */
export function queryAsJson(query: string): string {
  const params: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(query)) params[name] = value;
  return JSON.stringify(params);
}

function isGet(method: string): boolean {
  return method.toUpperCase() === 'GET';
}

/** The token of an `Authorization: Bearer <token>` header (undefined when there is none). */
export function bearerToken(authorization: string | undefined): string | undefined {
  const m = /^\s*Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return m ? m[1] : undefined;
}

/** The decoded header and claims of a JWT, or undefined when it is not one. Nothing is verified. */
export function decodeJwt(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const claims: unknown = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (!isObject(header) || !isObject(claims)) return undefined;
    return { header, claims };
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hs256Matches(token: string, secret: string): boolean {
  const cut = token.lastIndexOf('.');
  const expected = crypto.createHmac('sha256', secret).update(token.slice(0, cut)).digest();
  const given = Buffer.from(token.slice(cut + 1), 'base64url');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Signs a callback as Vonage does (HS256; iat, jti, iss, payload_hash, api_key, application_id): for the
 * tests, the benchmark and the stand-ins. `claims` overrides or adds claims.
 */
export function signCallback(req: Pick<SignedRequest, 'method' | 'query' | 'body'>, secret: string, apiKey: string, applicationId?: string, claims: Record<string, unknown> = {}): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const body = {
    iat: Math.floor(Date.now() / 1000), jti: crypto.randomUUID(), iss: 'Vonage', payload_hash: payloadHash(req), api_key: apiKey,
    ...(applicationId ? { application_id: applicationId } : {}), ...claims,
  };
  const input = `${header}.${Buffer.from(JSON.stringify(body)).toString('base64url')}`;
  return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
}
