// Finds JWTs (compact JWS: three base64url segments joined by dots) in any text: code, .env, JSON,
// HTML, Markdown, HTTP files. It is the token lens's hot path, so it is one pass driven by native
// indexOf towards the header prefix `eyJ` (`{"`), reading base64url runs with sticky character-class
// matches. (A pretty-printed header, `ewog…`, is not looked for: no JWT library writes one, and a
// second pass over the text for it cost as much as the whole regex baseline.) A candidate counts only
// when its header and payload decode to JSON objects and the header names an `alg`: that, not the
// `eyJ` prefix, is what tells a token from a base64 blob that happens to contain `eyJ` (see the
// milestone-2 notes on scanners' false positives). Plain Node, no imports beyond Buffer: it loads
// at activation.

export interface FoundJwt {
  /** Offset of the token's first character in the text. */
  start: number;
  /** Offset just past its last character. */
  end: number;
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

/** base64url alphabet, by char code. */
const BASE64URL = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_') BASE64URL[c.charCodeAt(0)] = 1;
const DOT = 46;
const EQUALS = 61;
const PLUS = 43;
const SLASH = 47;

/** `{"` in base64url is `eyJ`: how every header starts. */
const E = 101;
const Y = 121;
/** A base64url run from a position (sticky: anchored there; a character class cannot backtrack). */
const RUN = /[A-Za-z0-9_-]*={0,2}/y;
/**
 * Three runs joined by dots, anchored at a prefix: the common case (no padding) read in one native
 * match. When it fails, or padding follows, the candidate is read run by run to learn where to look next.
 */
const THREE_RUNS = /[\w-]+\.[\w-]+\.[\w-]*/y;

function isBase64Url(code: number): boolean {
  return code < 128 && BASE64URL[code] === 1;
}

/** A character that belongs to a base64 blob (either alphabet, or padding). */
function isBase64Any(code: number): boolean {
  return isBase64Url(code) || code === PLUS || code === SLASH || code === EQUALS;
}

/** End of the base64url run starting at `i` (with up to two '=' of padding some tools leave on). */
function runEnd(text: string, i: number): number {
  RUN.lastIndex = i;
  RUN.test(text); // always matches (possibly empty) at i
  return RUN.lastIndex;
}

/** End of a run of base64 and dots starting at `i`: how far a rejected candidate's look-alike text reaches. */
function blobEnd(text: string, i: number): number {
  let j = i;
  for (; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (!isBase64Any(c) && c !== DOT) break;
  }
  return j;
}

/** Decoding goes through one reused buffer: allocating one per segment cost more than the decode. */
let scratch = Buffer.allocUnsafe(16 * 1024);

/** The JSON object a segment encodes, or undefined (wrong length, not UTF-8 JSON, not an object). */
function decodeSegment(segment: string): Record<string, unknown> | undefined {
  const bare = segment.charCodeAt(segment.length - 1) === EQUALS ? segment.replace(/=+$/, '') : segment;
  if (bare.length === 0 || bare.length % 4 === 1) return undefined; // no base64 string has that length
  if (bare.length > scratch.length) scratch = Buffer.allocUnsafe(bare.length);
  let parsed: unknown;
  try {
    const bytes = scratch.write(bare, 0, 'base64url');
    parsed = JSON.parse(scratch.toString('utf8', 0, bytes));
  } catch {
    return undefined;
  }
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed as Record<string, unknown> : undefined;
}

/**
 * Decoded headers by their text. Nearly every token a person meets has one of a handful of headers
 * (all Vonage tokens share `{"alg":"RS256","typ":"JWT"}`), so most decodes are one Map lookup. The
 * objects are frozen: every token with that header shares one.
 */
const headers = new Map<string, Record<string, unknown> | undefined>();
const HEADERS_KEPT = 64;

function decodeHeader(segment: string): Record<string, unknown> | undefined {
  if (headers.has(segment)) return headers.get(segment);
  const header = decodeSegment(segment);
  if (headers.size >= HEADERS_KEPT) headers.clear();
  headers.set(segment, header && Object.freeze(header));
  return header;
}

interface Candidate { token?: FoundJwt; resumeAt: number }

/** Reads the token starting at `start` (a prefix was found there), or says where to look next. */
function readCandidate(text: string, start: number): Candidate {
  THREE_RUNS.lastIndex = start;
  if (THREE_RUNS.test(text) && text.charCodeAt(THREE_RUNS.lastIndex) !== EQUALS) {
    const headerEnd = text.indexOf('.', start);
    return readSegments(text, start, headerEnd, text.indexOf('.', headerEnd + 1), THREE_RUNS.lastIndex);
  }
  const headerEnd = runEnd(text, start);
  if (text.charCodeAt(headerEnd) !== DOT) return { resumeAt: blobEnd(text, headerEnd) };
  const payloadStart = headerEnd + 1;
  const payloadEnd = runEnd(text, payloadStart);
  if (payloadEnd === payloadStart || text.charCodeAt(payloadEnd) !== DOT) return { resumeAt: payloadStart };
  return readSegments(text, start, headerEnd, payloadEnd, runEnd(text, payloadEnd + 1));
}

/** With the three runs found: not a JWE, and header and payload decode to JSON objects. */
function readSegments(text: string, start: number, headerEnd: number, payloadEnd: number, signatureEnd: number): Candidate {
  const payloadStart = headerEnd + 1;
  // A fourth dot followed by more base64 is a JWE (five parts) or something else dotted: not a JWS.
  if (text.charCodeAt(signatureEnd) === DOT && isBase64Url(text.charCodeAt(signatureEnd + 1))) {
    return { resumeAt: blobEnd(text, signatureEnd) };
  }
  const header = decodeHeader(text.slice(start, headerEnd));
  if (!header || typeof header.alg !== 'string') return { resumeAt: payloadStart };
  const claims = decodeSegment(text.slice(payloadStart, payloadEnd));
  if (!claims) return { resumeAt: payloadStart };
  return { token: { start, end: signatureEnd, header, claims }, resumeAt: signatureEnd };
}

/**
 * Where the next `eyJ` starts, at or after `from`. Found by its rare last letter: V8's indexOf of a
 * short pattern stops at every occurrence of the first letter, and "e" is everywhere in code (measured
 * on 10 MB of code and base64: 6 ms for indexOf('eyJ'), 1.7 ms for indexOf('J') and a look back).
 */
function nextPrefix(text: string, from: number): number {
  for (let j = text.indexOf('J', from + 2); j !== -1; j = text.indexOf('J', j + 1)) {
    if (text.charCodeAt(j - 1) === Y && text.charCodeAt(j - 2) === E) return j - 2;
  }
  return -1;
}

/**
 * Every JWT in `text` between `from` and `to` (default: all of it), in order. A token must not be
 * glued to a base64url character before it (then it is part of a blob) and ends where the base64 ends.
 * `=`, `/` and `+` may come before one (`JWT=eyJ…`, `?token=eyJ…`, `/login/eyJ…`).
 */
export function findJwts(text: string, from = 0, to = text.length): FoundJwt[] {
  const found: FoundJwt[] = [];
  let i = from;
  while (i < to) {
    const start = nextPrefix(text, i);
    if (start === -1 || start >= to) break;
    if (start > 0 && isBase64Url(text.charCodeAt(start - 1))) {
      i = start + 1; // inside a blob: the next indexOf starts past it, so a run of many eyJ stays linear
      continue;
    }
    const candidate = readCandidate(text, start);
    if (candidate.token && candidate.token.end <= to) found.push(candidate.token);
    i = Math.max(candidate.resumeAt, start + 1);
  }
  return found;
}

/** A Vonage token: its claims carry an `application_id`. */
export function isVonageClaims(claims: Record<string, unknown>): boolean {
  return typeof claims.application_id === 'string' && claims.application_id.trim() !== '';
}

/** The token whose range holds `offset` (its end included, where a cursor after the last character stands). */
export function tokenAt<T extends { start: number; end: number }>(tokens: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid];
    if (offset < t.start) hi = mid - 1;
    else if (offset > t.end) lo = mid + 1;
    else return t;
  }
  return undefined;
}
