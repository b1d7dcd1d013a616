// Forwarding a callback to the developer's own server on this machine: method, path, query, headers and
// body as they came, and its answer back as it is. Over a keep-alive agent, so a forwarded answer costs
// one loopback round trip and no new connection.
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import { VonageInputError } from '../errors';
import { isLoopbackHost } from './reach';

/** Hop-by-hop headers (RFC 9110 §7.6.1) and what the connection itself decides: never passed along. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authenticate', 'proxy-authorization', 'host', 'content-length']);

/**
 * The forwarding failed: `message` is the sentence for the person, `code` the socket's (ECONNREFUSED…). An input
 * error (of `forwardTo`): it is about the address given, so a person gets the sentence as it is, like any other.
 */
export class ForwardError extends VonageInputError {
  constructor(message: string, readonly code?: string) {
    super(message, 'forwardTo');
    this.name = 'ForwardError';
  }
}

export interface ForwardRequest {
  method: string;
  /** The path on the target (the target's own path is put before it). */
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string;
}

export interface ForwardedAnswer { status: number; headers: Record<string, string>; body: string }


const EXAMPLE = 'e.g. http://localhost:3000 or localhost:3000';

/**
 * `text` as a forward target: an http(s) URL on this machine. `localhost:3000` (no scheme) is taken as
 * http://localhost:3000, and a port alone as that port of localhost. A VonageInputError (field `forwardTo`) says
 * what is wrong in words for a person: the same sentence is the input box's validation message.
 */
export function checkedForwardTarget(text: string): URL {
  const typed = text.trim();
  if (!typed) throw new VonageInputError(`Enter your server's address on this machine, ${EXAMPLE}.`, 'forwardTo');
  let url: URL;
  try {
    url = new URL(/^\d{1,5}$/.test(typed) ? `http://localhost:${typed}` : /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `http://${typed}`);
  } catch {
    throw new VonageInputError(`"${typed}" is not an address: give your server's address on this machine, ${EXAMPLE}.`, 'forwardTo');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new VonageInputError(`Your server's address must start with http:// or https://, not ${url.protocol}//; for example http://localhost:3000, or just localhost:3000.`, 'forwardTo');
  }
  if (!isLoopbackHost(url.hostname)) {
    throw new VonageInputError(`Your server must be on this machine (localhost or 127.0.0.1), not ${url.hostname}: callbacks are forwarded to your own server only.`, 'forwardTo');
  }
  if (url.search || url.hash) throw new VonageInputError('Give your server\'s address without a query or #fragment (each callback brings its own query).', 'forwardTo');
  return url;
}

/** The URL a callback is forwarded to: the target's path, then the callback's path and query. */
export function forwardUrl(target: URL, path: string, query: string): URL {
  const url = new URL(target.href);
  url.pathname = `${target.pathname.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
  url.search = query ? `?${query}` : '';
  return url;
}

/**
 * Sends the request to the target and resolves with its answer; a ForwardError says in a sentence why it failed.
 * `timeoutMs` (10 s) limits the whole request, from sending to the answer's last byte — not only the time the
 * socket is idle, which a server that trickles bytes would never reach — and then the connection is closed.
 */
export function forward(target: URL, req: ForwardRequest, opts: { agent?: http.Agent; timeoutMs?: number } = {}): Promise<ForwardedAnswer> {
  const url = forwardUrl(target, req.path, req.query);
  const body = Buffer.from(req.body, 'utf8');
  const headers: Record<string, string | number> = passedOn(req.headers);
  if (body.length > 0 || !['GET', 'HEAD'].includes(req.method.toUpperCase())) headers['content-length'] = body.length;
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (then: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(limit);
      then();
    };
    const failed = (e: Error & { code?: string }) => settle(() => reject(forwardError(e, target)));
    const out = lib.request(url, { method: req.method, headers, agent: opts.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => settle(() => resolve({ status: res.statusCode ?? 502, headers: passedOn(res.headers), body: Buffer.concat(chunks).toString('utf8') })));
      res.on('error', failed);
    });
    const limit = setTimeout(() => {
      const late = Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' });
      failed(late);
      out.destroy(late);
    }, opts.timeoutMs ?? 10_000);
    out.on('error', failed);
    out.end(body);
  });
}

/** Resolves when something accepts connections at the target; a ForwardError says what answered instead. */
export function probeForwardTarget(target: URL, timeoutMs = 3000): Promise<void> {
  const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: target.hostname.replace(/^\[|\]$/g, ''), port });
    socket.setTimeout(timeoutMs, () => socket.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    socket.once('connect', () => { socket.destroy(); resolve(); });
    socket.once('error', (e) => reject(forwardError(e, target)));
  });
}

function passedOn(headers: http.IncomingHttpHeaders | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || HOP_BY_HOP.has(k.toLowerCase())) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

function forwardError(e: Error & { code?: string }, target: URL): ForwardError {
  const where = target.origin;
  switch (e.code) {
    case 'ECONNREFUSED': return new ForwardError(`Nothing answers at ${where} (connection refused): start your server there, or stop forwarding to answer from the NCCO file.`, e.code);
    case 'ETIMEDOUT': return new ForwardError(`Your server at ${where} did not answer in time.`, e.code);
    case 'ECONNRESET': return new ForwardError(`Your server at ${where} closed the connection without an answer.`, e.code);
    default: return new ForwardError(`Forwarding to ${where} failed (${e.code ?? e.message}).`, e.code);
  }
}
