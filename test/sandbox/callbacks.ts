// The sandbox's outgoing callbacks (answer, fallback answer, voice event, RTC event), as Vonage sends them,
// and the log of every one sent (GET /_sandbox/webhooks) with the status and body it got back.
//
// Signed callbacks. What Vonage's documentation says (developer.vonage.com getting-started/concepts/webhooks,
// "Decoding signed webhooks", and the support article "How do I verify that the Voice API Webhook request and
// its payload has not been tampered during transit?"): the callback carries `Authorization: Bearer <JWT>`,
// header {alg: HS256, typ: JWT}, signed with the account's signature secret; claims `iat` (seconds), `jti` (a
// unique id), `iss: "Vonage"`, `payload_hash` (SHA-256, hex, of the payload), `api_key` (the account's) and
// `application_id`; no `exp`. The payload hashed is the POST body; for a GET it is an object of the query's
// parameters in their order, as JSON without whitespace. So the sandbox sends each POST body as compact JSON
// and hashes exactly those bytes, and for a GET hashes JSON.stringify of {name: value} in the query's order.
// (An older "Developer Preview" page said the answer webhook was not signed; the current page signs every
// Voice callback when the application's signed_callbacks is on, which is what the sandbox does.)
//
// Callbacks go to loopback addresses only (127.0.0.1, ::1, localhost, *.localhost): the sandbox never calls
// out of the machine. Any other address is logged as not sent (status 0) with the reason.
import * as crypto from 'crypto';
import * as http from 'http';
import * as https from 'https';
import * as jwt from 'jsonwebtoken';
import type { Json } from './apiModule';

export type CallbackKind = 'answer' | 'fallback' | 'event' | 'rtc';

export interface WebhookLogEntry {
  id: number;
  /** ISO 8601, on the voice clock. */
  time: string;
  kind: CallbackKind;
  applicationId: string;
  callUuid?: string;
  method: 'GET' | 'POST';
  url: string;
  signed: boolean;
  /** The JSON body of a POST; the query's parameters of a GET. */
  requestBody: Json;
  /** 0 when there was no HTTP answer (refused, timed out, not sent). */
  status: number;
  responseBody: string;
}

export interface CallbackRequest {
  kind: CallbackKind;
  applicationId: string;
  callUuid?: string;
  url: string;
  method: 'GET' | 'POST';
  payload: Json;
  /** When the application's signed_callbacks is on: the account's signature secret and API key. */
  signing?: { secret: string; apiKey: string };
  /** The socket timeout (the capability's socket_timeout, in ms). */
  timeoutMs: number;
  time: string;
}

export interface CallbackAnswer { status: number; body: string }

const MAX_LOG = 1000;
const MAX_RESPONSE_BYTES = 64 * 1024;

/** Whether the sandbox may call `url`: http(s) to a loopback host. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const u = new URL(url);
    const host = u.hostname.replace(/^\[|\]$/g, '');
    return (u.protocol === 'http:' || u.protocol === 'https:')
      && (host === '127.0.0.1' || host === '::1' || host === 'localhost' || host.endsWith('.localhost'));
  } catch {
    return false;
  }
}

/** The query's parameters of a GET callback: objects (custom_data) as JSON text, in the payload's order. */
export function queryOf(payload: Json): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload)) {
    if (v !== undefined) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

/** The signed JWT of a callback whose hashed payload text is `payloadText` (see the top of this file). */
export function callbackToken(payloadText: string, signing: { secret: string; apiKey: string }, applicationId: string, nowS = Math.floor(Date.now() / 1000)): string {
  const claims = {
    iat: nowS,
    jti: crypto.randomUUID(),
    iss: 'Vonage',
    payload_hash: crypto.createHash('sha256').update(payloadText).digest('hex'),
    api_key: signing.apiKey,
    application_id: applicationId,
  };
  return jwt.sign(claims, signing.secret, { algorithm: 'HS256', header: { alg: 'HS256', typ: 'JWT' } });
}

export class CallbackSender {
  private entries: WebhookLogEntry[] = [];
  private nextId = 1;
  /** Bumped by reset(): an answer to a callback sent before it is not logged. */
  private generation = 0;
  private readonly inFlight = new Set<http.ClientRequest>();

  /** Every callback sent since the last reset, oldest first (the last 1,000). */
  webhooks(): WebhookLogEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  reset(): void {
    this.generation++;
    this.entries = [];
  }

  /** Drops every callback still waiting for its answer (the sandbox is stopping). */
  stop(): void {
    this.generation++;
    for (const r of this.inFlight) r.destroy();
    this.inFlight.clear();
  }

  /** Sends one callback and logs it with its answer. Never rejects: no answer is status 0. */
  async send(req: CallbackRequest): Promise<CallbackAnswer> {
    const query = req.method === 'GET' ? queryOf(req.payload) : undefined;
    const entry: WebhookLogEntry = {
      id: this.nextId++, time: req.time, kind: req.kind, applicationId: req.applicationId, ...(req.callUuid ? { callUuid: req.callUuid } : {}),
      method: req.method, url: req.url, signed: req.signing !== undefined, requestBody: query ?? req.payload, status: 0, responseBody: '',
    };
    const generation = this.generation;
    this.entries.push(entry);
    if (this.entries.length > MAX_LOG) this.entries.shift();
    const answer = isLoopbackUrl(req.url)
      ? await this.deliver(req, query)
      : { status: 0, body: `not sent: the sandbox delivers callbacks to loopback addresses only (127.0.0.1, localhost), not ${req.url}` };
    if (generation === this.generation) {
      entry.status = answer.status;
      entry.responseBody = answer.body;
    }
    return answer;
  }

  private deliver(req: CallbackRequest, query: Record<string, string> | undefined): Promise<CallbackAnswer> {
    const url = new URL(req.url);
    let body: string | undefined;
    let hashed: string;
    if (query) {
      for (const [k, v] of Object.entries(query)) url.searchParams.append(k, v);
      hashed = JSON.stringify(query);
    } else {
      body = JSON.stringify(req.payload);
      hashed = body;
    }
    const headers: Record<string, string> = { 'User-Agent': 'Vonage-Sandbox-Callbacks/1.0', Accept: 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    if (req.signing) headers.Authorization = `Bearer ${callbackToken(hashed, req.signing, req.applicationId)}`;
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve) => {
      const r = transport.request(url, { method: req.method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_RESPONSE_BYTES) chunks.push(c);
        });
        res.on('end', () => finish({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => finish({ status: 0, body: `the answer broke off: ${e.message}` }));
      });
      const finish = (a: CallbackAnswer) => {
        this.inFlight.delete(r);
        resolve(a);
      };
      this.inFlight.add(r);
      r.setTimeout(req.timeoutMs, () => {
        r.destroy();
        finish({ status: 0, body: `no answer within ${req.timeoutMs} ms` });
      });
      r.on('error', (e: NodeJS.ErrnoException) => finish({ status: 0, body: `not delivered: ${e.code ?? e.message}` }));
      r.end(body);
    });
  }
}
