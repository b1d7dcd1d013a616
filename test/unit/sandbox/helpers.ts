// Raw HTTP helpers for the sandbox's own tests: no core client, so the sandbox is checked on its own.
import * as crypto from 'crypto';
import * as http from 'http';
import jwt from 'jsonwebtoken';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are inspected field by field
export interface Reply { status: number; headers: http.IncomingHttpHeaders; text: string; json: any }

export function call(base: string, method: string, path: string, opts: { headers?: Record<string, string>; body?: unknown; timeoutMs?: number } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base);
    const text = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    const headers: Record<string, string> = { ...(text !== undefined ? { 'Content-Type': 'application/json' } : {}), ...opts.headers };
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try { json = body ? JSON.parse(body) : undefined; } catch { json = undefined; }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: body, json });
      });
    });
    req.on('error', reject);
    if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(new Error('client timeout')));
    req.end(text);
  });
}

export function basic(sb: { apiKey: string; apiSecret: string }, key = sb.apiKey, secret = sb.apiSecret): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}` };
}

export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

export interface Pair { publicKey: string; privateKey: string }

export function keyPair(): Pair {
  return crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
}

/** An admin token as the SDK makes it: application_id, iat, jti, exp; no sub. */
export function adminToken(applicationId: string, privateKey: string, claims: Record<string, unknown> = {}, ttlSeconds = 900): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign({ application_id: applicationId, iat: now, jti: crypto.randomUUID(), exp: now + ttlSeconds, ...claims }, privateKey, {
    algorithm: 'RS256', header: { alg: 'RS256', typ: 'JWT' },
  });
}

export const RTC_APP = {
  name: 'Unit test app',
  capabilities: { rtc: { webhooks: { event_url: { address: 'https://example.com/rtc/events', http_method: 'POST' } } } },
};
