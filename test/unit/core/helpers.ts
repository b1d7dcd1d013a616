// Test helpers for the core: a scripted FetchLike, a tiny local HTTP server for real socket faults,
// and key pairs generated once per run (never committed).
import * as http from 'http';
import { AddressInfo } from 'net';
import { FetchLike, KeyPair, VonageHttpClient, generateKeyPair } from '../../../src/vonage';

export interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export type Scripted =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { throws: unknown }
  | ((call: Call, signal: AbortSignal) => Promise<{ status: number; body?: unknown; headers?: Record<string, string> }>);

/** A FetchLike that answers from a script, one entry per call (the last entry repeats), and records calls. */
export function scriptedFetch(...script: Scripted[]): FetchLike & { calls: Call[] } {
  const calls: Call[] = [];
  let i = 0;
  const f = (async (url, init) => {
    const call: Call = { url, method: init.method, headers: init.headers, body: init.body };
    calls.push(call);
    const step = script[Math.min(i++, script.length - 1)];
    const r = typeof step === 'function' ? await step(call, init.signal) : step;
    if ('throws' in r) throw r.throws;
    const headers = new Map(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const text = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    if (typeof r.body === 'object' && !headers.has('content-type')) headers.set('content-type', 'application/json');
    return { status: r.status, headers: { get: (n: string) => headers.get(n.toLowerCase()) ?? null }, text: () => Promise.resolve(text) };
  }) as FetchLike & { calls: Call[] };
  f.calls = calls;
  return f;
}

/**
 * A FetchLike for paged lists read side by side: each call is answered with `answer(call)` a few ms later, and
 * `mostInFlight()` says how many calls were on their way at once.
 */
export function overlappingFetch(answer: (call: Call) => { status: number; body?: unknown }): FetchLike & { calls: Call[]; mostInFlight(): number } {
  let inFlight = 0;
  let most = 0;
  const f = scriptedFetch(async (call) => {
    inFlight++;
    most = Math.max(most, inFlight);
    await new Promise((r) => setTimeout(r, 5)); // long enough for the calls sent together to overlap
    inFlight--;
    return answer(call);
  });
  return Object.assign(f, { mostInFlight: () => most });
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Scripted {
  return { status, body, headers };
}

/** A client with a scripted fetch and an instant sleep that records the delays asked for. */
export function client(fetch: FetchLike, extra: { timeoutMs?: number; maxRetries?: number } = {}) {
  const sleeps: number[] = [];
  const http = new VonageHttpClient({
    baseUrl: 'https://api.example.test',
    userAgent: 'vonage-credentials-vscode/test',
    fetch,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...extra,
  });
  return { http, sleeps };
}

let pairs: Promise<[KeyPair, KeyPair]> | undefined;
/** Two RSA-2048 pairs, generated once per test run. */
export function testKeys(): Promise<[KeyPair, KeyPair]> {
  pairs ??= Promise.all([generateKeyPair(), generateKeyPair()]);
  return pairs;
}

/** A real HTTP server on 127.0.0.1 for faults that need a socket (reset, hang, HTML). */
export async function localServer(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The error a call ends with (the test fails when it succeeds). */
export async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}
