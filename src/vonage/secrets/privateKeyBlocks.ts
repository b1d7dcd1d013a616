// PEM private key blocks: raw (real line breaks) or inside a string with `\n` escapes (JSON, JS, .env).
// Public keys, certificates, a lone BEGIN line in documentation, and placeholders (`...`, `<key>`,
// `XXXX…`, "REDACTED") are not private keys and are not reported.
import { enclosingLiteral, type SecretFinding } from './finding';

/**
 * The BEGIN line of a private key block, with its label: PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY,
 * ENCRYPTED PRIVATE KEY, OPENSSH PRIVATE KEY… (its literal start lets irregexp skip through the text fast).
 */
const HEADER = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY)-----/g;
/** The largest body searched for its END line (an RSA-8192 key is about 6.3 KB of base64). */
const MAX_BODY = 16_384;
/** Fewer base64 characters than this is no key (an EC P-256 key alone is about 160). */
const MIN_BASE64 = 64;
/** Escaped line breaks (`\n`, `\r\n`, `\\n` in doubly escaped text) and real ones. */
const BREAKS = /(?:\\+[rn])|\s/g;
/** RFC 1421 header lines of a legacy encrypted key (Proc-Type, DEK-Info). */
const HEADERS = /^(?:[A-Za-z-]+: [^\n\\]*(?:\n|\\+n))+/;
/** After END: escaped line breaks before a closing quote. */
const TRAILING_BREAKS = /(?:\\+[rn])+/y;

export function findPrivateKeys(text: string): SecretFinding[] {
  const out: SecretFinding[] = [];
  HEADER.lastIndex = 0;
  for (let header = HEADER.exec(text); header; header = HEADER.exec(text)) {
    const start = header.index;
    const bodyStart = start + header[0].length;
    const endMarker = `-----END ${header[1]}-----`;
    // Looked for within MAX_BODY only: many BEGIN lines without an END stay linear.
    const window = text.slice(bodyStart, bodyStart + MAX_BODY + endMarker.length);
    const bodyLength = window.indexOf(endMarker);
    if (bodyLength === -1) continue;
    const endAt = bodyStart + bodyLength;
    const body = text.slice(bodyStart, endAt);
    if (!looksLikeKeyBody(body)) continue;
    const end = endAt + endMarker.length;
    out.push({
      kind: 'privateKey',
      detail: /\\+n/.test(body) ? 'pemEscaped' : 'pem',
      start,
      end,
      literal: enclosingLiteral(text, start, end, TRAILING_BREAKS),
    });
    HEADER.lastIndex = end;
  }
  return out;
}

/** Base64 only (after line breaks and legacy headers), long enough, and not one character repeated. */
function looksLikeKeyBody(body: string): boolean {
  const base64 = body.replace(/^(?:\s|\\+[rn])+/, '').replace(HEADERS, '').replace(BREAKS, '');
  if (base64.length < MIN_BASE64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return false;
  return new Set(base64.slice(0, 256)).size >= 16; // XXXX…, AAAA…: a placeholder, not a key
}
