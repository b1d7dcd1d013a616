// RS256 signature checks with Node's crypto on parsed KeyObjects (no jsonwebtoken: the lens needs only
// the signature, and parsing a PEM per check would dominate its cost).
import * as crypto from 'crypto';

/** True when the token's RS256 signature verifies with `publicKey` (an RSA public or private KeyObject). */
export function rs256SignatureValid(token: string, publicKey: crypto.KeyObject): boolean {
  const cut = token.lastIndexOf('.');
  if (cut <= 0) return false;
  const signature = Buffer.from(token.slice(cut + 1), 'base64url');
  if (signature.length === 0) return false;
  try {
    return crypto.verify('sha256', Buffer.from(token.slice(0, cut)), publicKey, signature);
  } catch {
    return false; // a key of another type, a damaged signature: not a match either way
  }
}

/** The public KeyObject of a private key PEM (what the lens keeps instead of the PEM). */
export function publicKeyOfPrivatePem(privatePem: string): crypto.KeyObject {
  return crypto.createPublicKey(crypto.createPrivateKey(privatePem));
}

/** The KeyObject of a public key PEM, as the Applications API returns it. */
export function publicKeyOfPem(publicPem: string): crypto.KeyObject {
  return crypto.createPublicKey(publicPem.replace(/\r\n?/g, '\n'));
}
