// One call to a token endpoint (the developer's backend, on localhost or deployed): the answer as it came,
// or one sentence saying why none came. Redirects are not followed: an API client asking for a token
// gets the redirect, and so does the check. The answer is read up to 1 MB.
import { VonageInputError } from '../errors';
import { errorCode } from '../httpClient'; // loaded already: this module is reached through the core's barrel

export interface EndpointRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface EndpointReply {
  status: number;
  statusText: string;
  contentType?: string;
  cacheControl?: string;
  location?: string;
  body: string;
}

type EndpointOutcome = { reached: true; reply: EndpointReply } | { reached: false; sentence: string };

const MAX_BODY_BYTES = 1024 * 1024;

/** The URL, checked: http or https, with a host. */
export function endpointUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new VonageInputError(`"${text}" is not a URL. Give the endpoint's full address, e.g. http://localhost:3000/api/vonage/token.`, 'url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new VonageInputError(`The endpoint's URL must start with http:// or https://, not ${url.protocol}//.`, 'url');
  return url;
}

/** The URL as it may be shown and logged: no credentials, no query string (either may hold a secret). */
export function shownUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** Why a fetch failed, in words: the connection refused, the name unknown, no answer in time… */
function failure(e: unknown, timeoutMs: number, url: URL): string {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) return `it did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} seconds`} (vonage.requestTimeoutSeconds)`;
  const cause = e instanceof Error ? (e.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const code = errorCode(e);
  switch (code) {
    case 'ECONNREFUSED': return 'the connection was refused (is the server running, on that port?)';
    case 'ENOTFOUND': case 'EAI_AGAIN': return 'its host name does not resolve';
    case 'ECONNRESET': case 'UND_ERR_SOCKET': return 'the connection was closed before an answer came';
    case 'EHOSTUNREACH': case 'ENETUNREACH': return 'its host cannot be reached from this machine';
  }
  if (code && /CERT|SSL|TLS/.test(code)) return `its TLS certificate was not accepted (${code})`;
  if (!code && cause?.message === 'bad port') { // undici's word for a port on the Fetch standard's block list
    return `port ${url.port} is one that browsers and Node refuse to call (the Fetch standard blocks it: another protocol uses it), so no app could get a token there. Serve the endpoint on another port, e.g. 3000`;
  }
  return code ?? (typeof cause?.message === 'string' ? cause.message : e instanceof Error ? e.message : String(e));
}

async function cappedText(response: Response): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) { await reader.cancel(); break; }
  }
  return Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8');
}

/** Calls the endpoint once. Never throws for the endpoint's sake: no answer is `{ reached: false, sentence }`. */
export async function callTokenEndpoint(request: EndpointRequest, opts: { fetch: typeof fetch; timeoutMs: number; signal?: AbortSignal }): Promise<EndpointOutcome> {
  const url = endpointUrl(request.url);
  const signal = opts.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(opts.timeoutMs)]) : AbortSignal.timeout(opts.timeoutMs);
  try {
    const response = await opts.fetch(url, { method: request.method, headers: request.headers, body: request.body, redirect: 'manual', signal });
    const header = (name: string) => response.headers.get(name) ?? undefined;
    const reply = { status: response.status, statusText: response.statusText, contentType: header('content-type'), cacheControl: header('cache-control'), location: header('location'), body: await cappedText(response) };
    return { reached: true, reply };
  } catch (e) {
    if (opts.signal?.aborted) throw e; // cancelled by the person: not the endpoint's fault
    return { reached: false, sentence: `Could not reach ${request.method} ${shownUrl(url)}: ${failure(e, opts.timeoutMs, url)}.` };
  }
}
