import { createHash } from 'crypto';

/** A cached admin token is replaced this long before it expires, so a request never carries one about to lapse. */
export const ADMIN_TOKEN_RENEW_BEFORE_MS = 60_000;

interface Entry { keyHash: string; token: string; renewAt: number }

/**
 * Admin tokens (the Users API's Bearer JWTs), one per (base URL, application, private key), reused
 * until ADMIN_TOKEN_RENEW_BEFORE_MS before they expire. Signing one per request cost an RSA
 * signature each time. Holds one entry per (base URL, application): a changed key replaces it.
 * No `vscode` import: unit-tested in plain Node.
 */
export class AdminTokenCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The cached token while it has more than ADMIN_TOKEN_RENEW_BEFORE_MS left, else a fresh one from `sign` (made to live `ttlSeconds`). */
  get(baseUrl: string, applicationId: string, privateKey: string, ttlSeconds: number, sign: () => string): string {
    const id = `${baseUrl}\n${applicationId}`;
    const keyHash = createHash('sha256').update(privateKey).digest('hex'); // the PEM itself is not kept
    const now = this.now();
    const cached = this.entries.get(id);
    if (cached && cached.keyHash === keyHash && now < cached.renewAt) return cached.token;
    const token = sign();
    this.entries.set(id, { keyHash, token, renewAt: now + ttlSeconds * 1000 - ADMIN_TOKEN_RENEW_BEFORE_MS });
    return token;
  }
}
