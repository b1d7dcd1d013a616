// RSA keys: generate a pair without blocking, read a private key however it was pasted, and tell whether
// it matches an application's public key. Error messages name the problem and the fix, never the key.
import * as crypto from 'crypto';
import { promisify } from 'util';
import { VonageInputError } from './errors';

export interface KeyPair {
  privateKey: string; // PKCS#8 PEM
  publicKey: string; // SPKI PEM
}

const generateKeyPairAsync = promisify(crypto.generateKeyPair);

/** RSA-2048, generated off the main thread by Node's crypto. */
export async function generateKeyPair(): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { privateKey, publicKey };
}

const FIELD = 'privateKey';
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** Normalises line endings, literal "\n" escapes and lost line breaks, then re-wraps each block at 64 columns. */
function normalise(text: string): string {
  let t = text.replace(/\r\n?/g, '\n');
  if (!t.includes('\n') && t.includes('\\n')) t = t.replace(/\\n/g, '\n'); // copied out of JSON or an env file
  return t.trim();
}

interface Block {
  label: string;
  headers: string;
  base64: string;
}

function blocks(text: string): Block[] {
  const out: Block[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    let inner = m[2];
    let headers = '';
    // RFC 1421 headers (Proc-Type, DEK-Info) mark a legacy encrypted key
    const h = /^\s*((?:[A-Za-z-]+:[^\n]*\n)+)\n?/.exec(inner);
    if (h && /Proc-Type|DEK-Info/i.test(h[1])) {
      headers = h[1];
      inner = inner.slice(h[0].length);
    } else if (/Proc-Type:\s*4,ENCRYPTED/i.test(inner)) {
      headers = 'Proc-Type: 4,ENCRYPTED';
    }
    out.push({ label: m[1], headers, base64: inner.replace(/\s+/g, '') });
  }
  return out;
}

function wrap(label: string, base64: string): string {
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * Reads a private key as a person pastes it: CRLF, lost line breaks and escaped "\n" are accepted and
 * normalised. Returns the key as PKCS#8 PEM and the parsed KeyObject. Anything else is a VonageInputError
 * saying which mistake it is: empty, a public key, an encrypted key, an SSH-format key, not RSA, or not a key.
 */
export function parsePrivateKey(text: string): { pem: string; key: crypto.KeyObject } {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new VonageInputError('The private key is empty. Paste the whole key, from its BEGIN PRIVATE KEY line to its END PRIVATE KEY line.', FIELD);
  }
  const found = blocks(normalise(text));
  if (found.length === 0) {
    if (/-----BEGIN [A-Z0-9 ]+-----/.test(text)) {
      throw new VonageInputError('The private key is cut short: its -----END ...----- line is missing. Paste the whole key.', FIELD);
    }
    throw new VonageInputError('This is not a PEM private key. Paste the whole key, starting with its BEGIN PRIVATE KEY line.', FIELD);
  }
  const isPrivate = (b: Block) => /PRIVATE KEY$/.test(b.label);
  const block = found.find(isPrivate);
  if (!block) {
    const label = found[0].label;
    if (/PUBLIC KEY$/.test(label)) {
      throw new VonageInputError(
        "This is a public key (BEGIN PUBLIC KEY), which cannot sign tokens. Paste the application's private key (BEGIN PRIVATE KEY), the one saved when the application was created.",
        FIELD,
      );
    }
    if (label === 'CERTIFICATE') {
      throw new VonageInputError('This is a certificate, not a private key. Paste the private key (BEGIN PRIVATE KEY).', FIELD);
    }
    throw new VonageInputError(`This PEM block is a ${label}, not a private key. Paste the private key (BEGIN PRIVATE KEY).`, FIELD);
  }
  if (block.label === 'ENCRYPTED PRIVATE KEY' || /ENCRYPTED/i.test(block.headers)) {
    throw new VonageInputError(
      'This private key is encrypted with a passphrase. Decrypt it first (openssl pkey -in key.pem -out plain.pem) and paste the result.',
      FIELD,
    );
  }
  if (block.label === 'OPENSSH PRIVATE KEY') {
    throw new VonageInputError(
      'This is an OpenSSH-format key. Convert it to PEM first (ssh-keygen -p -m PKCS8 -f <file>) or use the key Vonage gave you.',
      FIELD,
    );
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(block.base64)) {
    throw new VonageInputError('The private key contains characters that do not belong in a key. Paste it again, exactly as saved.', FIELD);
  }
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey({ key: wrap(block.label, block.base64), format: 'pem' });
  } catch {
    throw new VonageInputError('The private key is damaged or incomplete and cannot be read. Paste the whole key again, exactly as saved.', FIELD);
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new VonageInputError(
      `This is a${key.asymmetricKeyType === 'ec' ? 'n EC' : ` ${String(key.asymmetricKeyType).toUpperCase()}`} key; Vonage applications sign with RSA keys (RS256). Use the application's RSA private key.`,
      FIELD,
    );
  }
  const pem = key.export({ type: 'pkcs8', format: 'pem' }) as string;
  return { pem, key };
}

/** SPKI PEM of the public half of a private key. */
export function publicKeyFromPrivateKey(privatePem: string): string {
  return crypto.createPublicKey(parsePrivateKey(privatePem).key).export({ type: 'spki', format: 'pem' }) as string;
}

function parsePublicKey(text: string): crypto.KeyObject {
  const t = normalise(typeof text === 'string' ? text : '');
  const block = blocks(t).find((b) => /PUBLIC KEY$/.test(b.label));
  if (!block) throw new VonageInputError('The public key is not a PEM block starting with -----BEGIN PUBLIC KEY-----.', 'publicKey');
  try {
    return crypto.createPublicKey({ key: wrap(block.label, block.base64), format: 'pem' });
  } catch {
    throw new VonageInputError('The public key is damaged and cannot be read.', 'publicKey');
  }
}

/** True when the private key is the partner of the (application's) public key. */
export function privateKeyMatches(privatePem: string, publicPem: string): boolean {
  const fromPrivate = crypto.createPublicKey(parsePrivateKey(privatePem).key).export({ type: 'spki', format: 'der' });
  const given = parsePublicKey(publicPem).export({ type: 'spki', format: 'der' });
  return fromPrivate.equals(given);
}

/**
 * True when two PEM public keys are the same key, whatever their line breaks (CRLF, re-wrapped,
 * trailing newline). Compares the DER when both parse, else the base64 text without whitespace.
 */
export function samePublicKey(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  try {
    return parsePublicKey(a).export({ type: 'spki', format: 'der' }).equals(parsePublicKey(b).export({ type: 'spki', format: 'der' }));
  } catch {
    const body = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    return body(a) !== '' && body(a) === body(b);
  }
}
