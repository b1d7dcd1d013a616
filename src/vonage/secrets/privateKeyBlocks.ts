// PEM private key blocks: raw (real line breaks) or inside a string with `\n` escapes (JSON, JS, .env).
// Public keys, certificates, a lone BEGIN line in documentation, and placeholders (`...`, `<key>`,
// `XXXX…`, "REDACTED") are not private keys and are not reported.
import { enclosingLiteral, type SecretFinding } from './finding';

const BEGIN = '-----BEGIN ';
/** The label of a private key block: PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY, ENCRYPTED PRIVATE KEY, OPENSSH PRIVATE KEY… */
const HEADER = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY)-----/y;
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
  for (let i = text.indexOf(BEGIN); i !== -1; i = text.indexOf(BEGIN, i + BEGIN.length)) {
    HEADER.lastIndex = i;
    const header = HEADER.exec(text);
    if (!header) continue;
    const bodyStart = i + header[0].length;
    const endMarker = `-----END ${header[1]}-----`;
    const endAt = text.indexOf(endMarker, bodyStart);
    if (endAt === -1 || endAt - bodyStart > MAX_BODY) continue;
    const body = text.slice(bodyStart, endAt);
    if (!looksLikeKeyBody(body)) continue;
    const end = endAt + endMarker.length;
    out.push({
      kind: 'privateKey',
      detail: /\\+n/.test(body) ? 'pemEscaped' : 'pem',
      start: i,
      end,
      literal: enclosingLiteral(text, i, end, TRAILING_BREAKS),
    });
    i = end - BEGIN.length;
  }
  return out;
}

/** Base64 only (after line breaks and legacy headers), long enough, and not one character repeated. */
function looksLikeKeyBody(body: string): boolean {
  const base64 = body.replace(/^(?:\s|\\+[rn])+/, '').replace(HEADERS, '').replace(BREAKS, '');
  if (base64.length < MIN_BASE64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return false;
  return new Set(base64.slice(0, 256)).size >= 16; // XXXX…, AAAA…: a placeholder, not a key
}
