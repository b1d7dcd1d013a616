// The webhook server the editor runs while a developer works on a voice app: on 127.0.0.1 only, it serves
// /webhooks/<applicationId>/<answer|fallback|event|rtc> for the applications routed to it, and nothing
// else (any other path is a 404, any other method a 405). Each callback's signature is checked; it is
// forwarded to the developer's server, or answered here (answer and fallback: the NCCO; events: 200); and
// recorded for the inspector. Plain Node: the extension hands in what it needs (which applications, the
// signature check, the NCCO answer, where records go).
import * as crypto from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { VonageInputError } from '../errors';
import { CALLBACK_KINDS, type CallbackAnswer, type CallbackKind, type CallbackRecord, type CallbackRequest } from './callbacks';
import { ForwardError, forward, forwardUrl } from './forwarder';
import type { SignatureCheck } from './signature';

/** Larger bodies are refused (413): no Vonage callback comes close. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookServerOptions {
  /** Whether this application's callbacks are served here (routed here); others get a 404. */
  serves(applicationId: string): boolean;
  /** The signature check of a callback (with the Authorization header as it came). */
  check(req: CallbackRequest, authorization: string | undefined): SignatureCheck | Promise<SignatureCheck>;
  /**
   * Whether a callback whose signature is not valid is answered 401 instead: invalid, unsigned, and unchecked too
   * (no secret to check it with): a setting that rejects what is not proven lets nothing unproven through.
   */
  rejectUnverified(): boolean;
  /** The developer's server: every callback is forwarded there and its answer returned as it is. */
  forwardTo?: URL;
  /**
   * Where a callback goes on the forward target: the path (by default its path here), or why it is answered here
   * instead (a webhook that had no address before it was routed here: your server has no path for it).
   */
  forwardPath?(req: CallbackRequest): { path: string } | { answerHere: string };
  /** The answer to an answer or fallback request when nothing is forwarded (the NCCO). */
  answer(req: CallbackRequest): Promise<CallbackAnswer>;
  /** Every callback, once answered. */
  onCallback?(record: CallbackRecord): void;
  /** A failure inside the server (answered 500): for the editor's log, never for whoever called. */
  onError?(error: unknown): void;
}

/** What a caller is told when the server itself failed: nothing from inside it (paths, secrets' stores), which may go out through a tunnel. */
const SERVER_FAILED = JSON.stringify({ title: 'The webhook server failed', detail: 'The editor\'s Vonage log says why.' });

const JSON_HEADERS = { 'content-type': 'application/json' };

export class WebhookServer {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

  private constructor(private readonly server: http.Server, private readonly opts: WebhookServerOptions) {}

  /**
   * Listens on 127.0.0.1:`port` (0: a free port). A port in use is a VonageInputError saying so, and
   * nothing is listening afterwards.
   */
  static async start(opts: WebhookServerOptions, port = 0): Promise<WebhookServer> {
    const server = http.createServer();
    const self = new WebhookServer(server, opts);
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => { void self.serve(req, res); });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: Error & { code?: string }) => reject(e.code === 'EADDRINUSE'
        ? new VonageInputError(`Port ${port} on 127.0.0.1 is in use by another program: pick another port, or leave the port out for a free one.`, 'port')
        : e));
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return self;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The server's own address, http://127.0.0.1:PORT. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get forwardTo(): URL | undefined {
    return this.opts.forwardTo;
  }

  async stop(): Promise<void> {
    this.agent.destroy();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** Runs a request through the same steps as one that arrived (Replay): checked, answered, recorded. */
  handle(req: CallbackRequest, authorization?: string, replayOf?: string): Promise<CallbackRecord> {
    return this.process(req, authorization, performance.now(), replayOf);
  }

  private async serve(raw: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = performance.now();
    try {
      const route = parseRoute(raw.url ?? '/');
      if (!route || !this.opts.serves(route.applicationId)) return send(res, 404, JSON_HEADERS, JSON.stringify({ title: 'Not found' }));
      const method = (raw.method ?? 'GET').toUpperCase();
      if (method !== 'GET' && method !== 'POST') return send(res, 405, { ...JSON_HEADERS, allow: 'GET, POST' }, JSON.stringify({ title: 'Method not allowed' }));
      const body = await readBody(raw);
      if (body === undefined) return send(res, 413, JSON_HEADERS, JSON.stringify({ title: 'Payload too large' }));
      const { authorization, ...headers } = flatHeaders(raw.headers);
      const req: CallbackRequest = { ...route, method, headers, body };
      const record = await this.process(req, authorization, started);
      send(res, record.answer.status, record.answer.headers, record.answer.body);
    } catch (e) {
      this.opts.onError?.(e);
      send(res, 500, JSON_HEADERS, SERVER_FAILED);
    }
  }

  private async process(req: CallbackRequest, authorization: string | undefined, started: number, replayOf?: string): Promise<CallbackRecord> {
    const time = new Date().toISOString();
    const signature = await this.opts.check(req, authorization);
    const answer = signature.verdict !== 'valid' && this.opts.rejectUnverified()
      ? rejected(signature)
      : await this.answer(req, authorization);
    const record: CallbackRecord = { id: crypto.randomUUID(), time, request: req, signature, answer, ms: performance.now() - started, ...(replayOf ? { replayOf } : {}) };
    this.opts.onCallback?.(record);
    return record;
  }

  private async answer(req: CallbackRequest, authorization: string | undefined): Promise<CallbackAnswer> {
    const target = this.opts.forwardTo;
    if (!target) return this.answerHere(req);
    const where = this.opts.forwardPath?.(req) ?? { path: req.path };
    if ('answerHere' in where) {
      const here = await this.answerHere(req);
      return { ...here, note: here.note ? `${where.answerHere} ${here.note}` : where.answerHere };
    }
    const headers = authorization ? { ...req.headers, authorization } : req.headers;
    const forwardedTo = forwardUrl(target, where.path, '').href;
    try {
      const got = await forward(target, { method: req.method, path: where.path, query: req.query, headers, body: req.body }, { agent: this.agent });
      return { ...got, source: 'forwarded', forwardedTo };
    } catch (e) {
      const note = e instanceof ForwardError ? e.message : `Forwarding failed: ${e instanceof Error ? e.message : String(e)}`;
      return { status: 502, headers: JSON_HEADERS, body: JSON.stringify({ title: 'Bad gateway', detail: note }), source: 'forward-failed', note, forwardedTo };
    }
  }

  /** Answered by the editor: answer and fallback requests with the NCCO, events with a 200. */
  private answerHere(req: CallbackRequest): Promise<CallbackAnswer> {
    if (req.kind === 'answer' || req.kind === 'fallback') return this.opts.answer(req);
    return Promise.resolve({ status: 200, headers: {}, body: '', source: 'event' });
  }
}

/** `/webhooks/<applicationId>/<kind>` → its parts; anything else undefined. */
export function parseRoute(url: string): Pick<CallbackRequest, 'applicationId' | 'kind' | 'path' | 'query'> | undefined {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? '' : url.slice(q + 1);
  const m = /^\/webhooks\/([A-Za-z0-9-]{1,64})\/([a-z]+)$/.exec(path);
  if (!m || !(CALLBACK_KINDS as readonly string[]).includes(m[2])) return undefined;
  return { applicationId: m[1], kind: m[2] as CallbackKind, path, query };
}

function rejected(signature: SignatureCheck): CallbackAnswer {
  const detail = signature.verdict === 'unsigned' ? 'The callback is not signed.' : signature.reason ?? 'The signature is not valid.';
  return { status: 401, headers: JSON_HEADERS, body: JSON.stringify({ title: 'Invalid signature', detail }), source: 'rejected', note: detail };
}

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** The body as text, or undefined when it is larger than MAX_BODY_BYTES. */
function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  if (res.headersSent) return;
  const payload = Buffer.from(body, 'utf8');
  res.writeHead(status, { ...headers, 'content-length': payload.length });
  res.end(payload);
}
