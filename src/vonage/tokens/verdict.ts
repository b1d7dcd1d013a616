// Whether Vonage will accept a token, judged from its header and claims, its signature check and the
// time: a pure function, table-tested. The rules are Vonage's (shared/docs/milestone-2-notes.md): RS256
// only; at most 24 hours from `iat`; no `exp` means a 15-minute token; neither `iat` nor `exp` is
// rejected; `jti` is required. A missing `iat` alone is a problem too: the issue lists it as required,
// and without it Vonage has nothing to hold the 24 hours to. Each problem is one sentence a person can
// act on.
import { isVonageClaims } from './scanner';
import { lifetimeInWords, shortRelative } from './time';

export type TokenState = 'valid' | 'expiringSoon' | 'expired' | 'notYetValid' | 'invalid';
export type SignatureStatus = 'verified' | 'invalid' | 'unknown';

/** Vonage's longest token lifetime, from `iat`. */
export const MAX_LIFETIME_SECONDS = 86400;
/** What Vonage applies to a token without `exp`. */
export const DEFAULT_LIFETIME_SECONDS = 900;
/** "Expiring soon": within this many seconds. */
export const EXPIRING_SOON_SECONDS = 3600;
/** Clock difference tolerated before an `iat`/`nbf` in the future makes a token not yet valid. */
export const CLOCK_SKEW_SECONDS = 60;

export type TokenProblemCode = 'alg' | 'signature' | 'lifetime' | 'milliseconds' | 'notATime' | 'noTimes' | 'noIat' | 'noJti' | 'expBeforeIat';

/** One reason Vonage would refuse a token: a sentence for messages, a few words for a CodeLens. */
export interface TokenProblem {
  code: TokenProblemCode;
  message: string;
  short: string;
}

export interface TokenVerdict {
  /** A Vonage token (it has an `application_id`); the others get no verdict, only a decode. */
  vonage: boolean;
  /** Undefined for a token that is not a Vonage token. */
  state?: TokenState;
  signature: SignatureStatus;
  /** Why Vonage would reject it (empty unless `state` is 'invalid'). */
  problems: TokenProblem[];
  issuedAtMs?: number;
  /** When it stops working: `exp`, or `iat` + 15 minutes when it has no `exp`. */
  expiresAtMs?: number;
  notBeforeMs?: number;
  /** True when `exp` is missing and Vonage's 15 minutes apply. */
  defaultExpiry: boolean;
  /** When the state changes next by itself (it expires, or is about to), for one timer; undefined: never. */
  nextChangeAtMs?: number;
}

interface TimeClaim { seconds?: number; problem?: TokenProblem }

/** A time claim in seconds; numeric strings are accepted (one Vonage docs sample writes `exp` as one). */
function timeClaim(claims: Record<string, unknown>, name: string): TimeClaim {
  const v = claims[name];
  if (v === undefined || v === null) return {};
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(n)) {
    return { problem: { code: 'notATime', message: `Its ${name} ${JSON.stringify(v)} is not a time in seconds; Vonage cannot read it.`, short: `${name} is not a time` } };
  }
  if (n > 1e11) {
    return { seconds: n, problem: { code: 'milliseconds', message: `Its ${name} ${n} is in milliseconds; JWT times are seconds since 1970, so Vonage reads it as a date thousands of years away.`, short: `${name} is in milliseconds` } };
  }
  return { seconds: n };
}

interface Times { iat?: number; exp?: number; nbf?: number; problems: TokenProblem[] }

function readTimes(claims: Record<string, unknown>): Times {
  const iat = timeClaim(claims, 'iat');
  const exp = timeClaim(claims, 'exp');
  const nbf = timeClaim(claims, 'nbf');
  const problems: TokenProblem[] = [];
  for (const t of [iat, exp, nbf]) if (t.problem) problems.push(t.problem);
  return { iat: iat.seconds, exp: exp.seconds, nbf: nbf.seconds, problems };
}

/** Whether the token carries the unique id Vonage requires. */
function hasJti(claims: Record<string, unknown>): boolean {
  return typeof claims.jti === 'string' && claims.jti.trim() !== '';
}

/** The common case, checked without building anything: jti and iat present, exp absent (15 minutes) or in range. */
function wellFormed(claims: Record<string, unknown>, times: Times): boolean {
  if (!hasJti(claims)) return false;
  if (times.iat === undefined) return false;
  if (times.exp === undefined) return true;
  const lifetime = Math.round(times.exp - times.iat);
  return lifetime > 0 && lifetime <= MAX_LIFETIME_SECONDS;
}

/** Every reason Vonage would refuse the token, whatever the time. */
function problemsOf(header: Record<string, unknown>, claims: Record<string, unknown>, times: Times, signature: SignatureStatus): TokenProblem[] {
  if (header.alg === 'RS256' && signature !== 'invalid' && times.problems.length === 0 && wellFormed(claims, times)) return [];
  const problems = [...times.problems];
  const add = (code: TokenProblemCode, message: string, short: string) => problems.push({ code, message, short });
  if (header.alg !== 'RS256') add('alg', `It is signed with ${JSON.stringify(header.alg)}; Vonage accepts only RS256.`, `signed with ${String(header.alg)}, not RS256`);
  if (signature === 'invalid') {
    add('signature', 'Its signature does not verify with the application\'s key: it was not signed with this application\'s private key, or it was changed since.', 'signature does not verify');
  }
  const absent = (name: string) => claims[name] === undefined || claims[name] === null;
  if (absent('iat') && absent('exp')) add('noTimes', 'It has neither iat nor exp; Vonage rejects a token without them.', 'no iat or exp');
  else if (absent('iat')) add('noIat', 'It has no iat (when it was issued); Vonage requires one: its 24 hours count from it.', 'no iat');
  if (!hasJti(claims)) add('noJti', 'It has no jti (a unique token id); Vonage requires one.', 'no jti');
  if (times.iat !== undefined && times.exp !== undefined && !times.problems.length) {
    const lifetime = Math.round(times.exp - times.iat);
    if (lifetime > MAX_LIFETIME_SECONDS) add('lifetime', lifetimeProblem(lifetime), `lives ${lifetimeInWords(lifetime)} (at most 24 hours)`);
    if (lifetime <= 0) add('expBeforeIat', 'Its exp is not after its iat, so it never was valid.', 'exp is not after iat');
  }
  return problems;
}

/** "It lives 48 hours; Vonage accepts at most 24." (the unit spelled out when the lifetime is not in whole hours). */
function lifetimeProblem(lifetime: number): string {
  const words = lifetimeInWords(lifetime);
  return `It lives ${words}; Vonage accepts at most 24${/^\d+ hours$/.test(words) ? '' : ' hours (86400 seconds)'}.`;
}

function expiryOf(times: Times): { expiresAtMs?: number; defaultExpiry: boolean } {
  if (times.exp !== undefined) return { expiresAtMs: times.exp * 1000, defaultExpiry: false };
  if (times.iat !== undefined) return { expiresAtMs: (times.iat + DEFAULT_LIFETIME_SECONDS) * 1000, defaultExpiry: true };
  return { defaultExpiry: false };
}

function stateAt(now: number, notBeforeMs: number | undefined, expiresAtMs: number | undefined): TokenState {
  if (expiresAtMs !== undefined && expiresAtMs <= now) return 'expired';
  if (notBeforeMs !== undefined && notBeforeMs - CLOCK_SKEW_SECONDS * 1000 > now) return 'notYetValid';
  if (expiresAtMs !== undefined && expiresAtMs - EXPIRING_SOON_SECONDS * 1000 <= now) return 'expiringSoon';
  return 'valid';
}

/** The verdict in one sentence, worded for the time `now` ("Valid: expires in 23 h."). */
export function verdictSummary(v: TokenVerdict, now: number): string {
  if (!v.vonage || !v.state) return 'Not a Vonage token (it has no application_id): decoded only.';
  const expires = v.expiresAtMs === undefined ? '' : shortRelative(v.expiresAtMs, now);
  const fifteen = v.defaultExpiry ? ' (no exp: Vonage allows 15 minutes)' : '';
  switch (v.state) {
    case 'invalid': return `Vonage will reject this token. ${v.problems[0].message}`;
    case 'expired': return `Expired ${expires}${fifteen}: Vonage rejects it. Regenerate it.`;
    case 'notYetValid': return `Not valid yet: it starts ${shortRelative(v.notBeforeMs ?? now, now)}. Check the clock of the machine that made it.`;
    case 'expiringSoon': return `Expires ${expires}${fifteen}: regenerate it soon.`;
    case 'valid': return `Valid: expires ${expires}${fifteen}.`;
  }
}

/** The earlier of two moments, ignoring those not after `now`. */
function sooner(next: number | undefined, t: number, now: number): number | undefined {
  return t > now && (next === undefined || t < next) ? t : next;
}

/** The next moment the state changes by itself: starts, is about to expire, expires. */
function nextChange(now: number, notBeforeMs?: number, expiresAtMs?: number): number | undefined {
  let next: number | undefined;
  if (notBeforeMs !== undefined) next = sooner(next, notBeforeMs - CLOCK_SKEW_SECONDS * 1000, now);
  if (expiresAtMs !== undefined) {
    next = sooner(next, expiresAtMs - EXPIRING_SOON_SECONDS * 1000, now);
    next = sooner(next, expiresAtMs, now);
  }
  return next;
}

/** The later of `iat` and `nbf`, in ms: when the token starts to be valid. */
function startOf(times: Times): number | undefined {
  if (times.iat === undefined) return times.nbf === undefined ? undefined : times.nbf * 1000;
  return (times.nbf === undefined ? times.iat : Math.max(times.iat, times.nbf)) * 1000;
}

/** The verdict on one token at time `now` (ms), given how its signature check went. */
export function judgeToken(token: { header: Record<string, unknown>; claims: Record<string, unknown> }, signature: SignatureStatus, now: number): TokenVerdict {
  const vonage = isVonageClaims(token.claims);
  const times = readTimes(token.claims);
  const { expiresAtMs, defaultExpiry } = expiryOf(times);
  const issuedAtMs = times.iat === undefined ? undefined : times.iat * 1000;
  const notBeforeMs = startOf(times);
  if (!vonage) {
    return { vonage, signature, problems: [], issuedAtMs, expiresAtMs: times.exp === undefined ? undefined : times.exp * 1000, notBeforeMs, defaultExpiry: false };
  }
  const problems = problemsOf(token.header, token.claims, times, signature);
  const state: TokenState = problems.length ? 'invalid' : stateAt(now, notBeforeMs, expiresAtMs);
  return {
    vonage, state, signature, problems, issuedAtMs, expiresAtMs, notBeforeMs, defaultExpiry,
    nextChangeAtMs: state === 'invalid' ? undefined : nextChange(now, notBeforeMs, expiresAtMs),
  };
}

/**
 * Verdicts remembered per token (by its claims object, which a rescan keeps for the tokens an edit did
 * not touch) until the moment the state changes: after a keystroke, only new tokens are judged.
 */
export class VerdictCache {
  private readonly verdicts = new WeakMap<object, { verdict: TokenVerdict; judgedAt: number }>();

  judge(token: { header: Record<string, unknown>; claims: Record<string, unknown> }, signature: SignatureStatus, now: number): TokenVerdict {
    const hit = this.verdicts.get(token.claims);
    const v = hit?.verdict;
    if (v && v.signature === signature && hit.judgedAt <= now && (v.nextChangeAtMs === undefined || now < v.nextChangeAtMs)) return v;
    const verdict = judgeToken(token, signature, now);
    this.verdicts.set(token.claims, { verdict, judgedAt: now });
    return verdict;
  }
}
