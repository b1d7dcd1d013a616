// The one place the core talks HTTP. JSON in and out, an auth header per call, a timeout and the caller's
// AbortSignal on every attempt, retries for reads only, and every failure turned into one VonageApiError
// whose message says what happened and what to do. No secret (API secret, token, key) ever reaches a
// message or a url: the url kept on errors is built from the base URL, the path and the query only.
import nodeFetch from 'node-fetch';
import { DEFAULT_BASE_URL } from './baseUrls';
import { InvalidParameter, VonageApiError, VonageErrorKind, VonageInputError } from './errors';

// The default base URL lives in the import-free baseUrls.ts (imported by modules loaded at activation); re-exported here as before.
export { DEFAULT_BASE_URL } from './baseUrls';

/**
 * How a request authenticates: Basic (API key and secret), a Bearer JWT, or — the REST host's Numbers and
 * Account APIs — `api_key` and `api_secret` as query parameters. The last puts the secret in the URL, so
 * every URL kept on an error, every message and every cause is scrubbed of it (see redactUrl, scrubbed).
 */
export type Auth =
  | { kind: 'basic'; apiKey: string; apiSecret: string }
  | { kind: 'bearer'; token: string }
  | { kind: 'query'; apiKey: string; apiSecret: string };

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export interface HttpClientOptions {
  baseUrl?: string;
  userAgent: string;
  timeoutMs?: number;
  maxRetries?: number;
  fetch?: FetchLike;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** A JSON body. */
  body?: unknown;
  /** An application/x-www-form-urlencoded body (the REST host's POSTs); undefined values are left out. */
  form?: Record<string, string | undefined>;
  auth: Auth;
  signal?: AbortSignal;
}

/** Trims, strips trailing '/', requires an http(s) URL with a host and no credentials, query or fragment. */
export function normalizeBaseUrl(text: string): string {
  const trimmed = (typeof text === 'string' ? text : '').trim().replace(/\/+$/, '');
  if (!trimmed) throw new VonageInputError('The base URL is empty. Enter one such as https://api.nexmo.com.', 'baseUrl');
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new VonageInputError(`"${trimmed}" is not a URL. Enter one such as https://api.nexmo.com.`, 'baseUrl');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new VonageInputError(`The base URL must start with https:// (or http:// for a local sandbox), not ${url.protocol}//.`, 'baseUrl');
  }
  if (url.username || url.password) {
    throw new VonageInputError('The base URL must not contain a user name or password; the API key and secret are set separately.', 'baseUrl');
  }
  if (url.search || url.hash) {
    throw new VonageInputError('The base URL must not contain a query (?) or fragment (#). Enter only the host, e.g. https://api.nexmo.com.', 'baseUrl');
  }
  return trimmed;
}

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504]);
const BACKOFF_BASE_MS = 100;
const BACKOFF_MAX_MS = 2000;
/** Longest Retry-After we wait for inside one call; longer waits are handed back to the person as an error. */
export const MAX_RETRY_AFTER_SECONDS = 20;

class AttemptFailure {
  constructor(readonly error: VonageApiError, readonly retryable: boolean) {}
}

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortError(): Error {
  const e = new Error('The operation was aborted.');
  e.name = 'AbortError';
  return e;
}

/** node-fetch as a FetchLike: the client's default (the extension wraps it to log each request). */
export const nodeFetchAdapter: FetchLike = (url, init) =>
  nodeFetch(url, { ...init, signal: init.signal as unknown as import('node-fetch').RequestInit['signal'] });

export class VonageHttpClient {
  readonly baseUrl: string;
  private readonly userAgent: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly fetchImpl: FetchLike;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(opts: HttpClientOptions) {
    this.baseUrl = normalizeBaseUrl(opts.baseUrl ?? DEFAULT_BASE_URL);
    this.userAgent = opts.userAgent;
    this.timeoutMs = opts.timeoutMs ?? 15000;
    this.maxRetries = Math.max(0, opts.maxRetries ?? 3);
    this.fetchImpl = opts.fetch ?? nodeFetchAdapter;
    this.sleep = opts.sleep ?? defaultSleep;
  }

  async request<T>(req: HttpRequest): Promise<T> {
    const target = this.target(req);
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': this.userAgent,
    };
    if (req.auth.kind !== 'query') headers.Authorization = authorizationHeader(req.auth);
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['Content-Type'] = 'application/json';
    } else if (req.form !== undefined) {
      body = formBody(req.form);
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    }
    const url = target.safeUrl;
    const maxAttempts = req.method === 'GET' ? this.maxRetries + 1 : 1; // writes are never retried blindly
    for (let attempt = 0; ; attempt++) {
      const result = await this.attempt<T>(req, target, headers, body);
      if (!(result instanceof AttemptFailure)) return result.value;
      const { error, retryable } = result;
      if (!retryable || attempt + 1 >= maxAttempts) throw error;
      let delayMs: number;
      if (error.retryAfterSeconds !== undefined) {
        if (error.retryAfterSeconds > MAX_RETRY_AFTER_SECONDS) throw error; // too long to block on: say so instead
        delayMs = error.retryAfterSeconds * 1000;
      } else {
        // exponential backoff with full jitter: 0..base*2^attempt, at most BACKOFF_MAX_MS
        delayMs = Math.round(Math.random() * Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt));
      }
      try {
        await this.sleep(delayMs, req.signal);
      } catch {
        throw cancelledError(req.method, url);
      }
      if (req.signal?.aborted) throw cancelledError(req.method, url);
    }
  }

  /** The URL to fetch (with the query auth, if any) and the one safe to keep on errors (without it). */
  private target(req: HttpRequest): { fetchUrl: string; safeUrl: string } {
    const safeUrl = this.buildUrl(req.path, req.query);
    if (req.auth.kind !== 'query') return { fetchUrl: safeUrl, safeUrl };
    return { fetchUrl: this.buildUrl(req.path, { ...req.query, api_key: req.auth.apiKey, api_secret: req.auth.apiSecret }), safeUrl };
  }

  private buildUrl(path: string, query?: Record<string, string | number | boolean | undefined>): string {
    const p = path.startsWith('/') ? path : `/${path}`;
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v !== undefined) params.append(k, String(v));
    }
    const qs = params.toString();
    return `${this.baseUrl}${p}${qs ? `?${qs}` : ''}`;
  }

  private async attempt<T>(
    req: HttpRequest,
    target: { fetchUrl: string; safeUrl: string },
    headers: Record<string, string>,
    body: string | undefined,
  ): Promise<{ value: T } | AttemptFailure> {
    const method = req.method;
    const url = target.safeUrl;
    if (req.signal?.aborted) throw cancelledError(method, url);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const onCallerAbort = () => controller.abort();
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      let status: number;
      let text: string;
      let contentType: string | null;
      let retryAfter: string | null;
      try {
        const res = await this.fetchImpl(target.fetchUrl, { method, headers, body, signal: controller.signal });
        status = res.status;
        contentType = res.headers.get('content-type');
        retryAfter = res.headers.get('retry-after');
        text = await res.text();
      } catch (raw) {
        const e = scrubbed(raw, req.auth); // node-fetch's message holds the URL, with the query auth
        if (req.signal?.aborted) throw cancelledError(method, url, e);
        if (timedOut) throw this.timeoutError(method, url, e);
        const failure = networkError(method, url, e);
        return new AttemptFailure(failure, isReset(e));
      }
      if (status >= 200 && status < 300) {
        return { value: parseSuccess<T>(status, text, contentType, method, url) };
      }
      const error = errorFromResponse({ status, text: scrubText(text, req.auth), contentType, retryAfter, method, url, auth: req.auth });
      return new AttemptFailure(error, RETRYABLE_STATUSES.has(status));
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  private timeoutError(method: string, url: string, cause: unknown): VonageApiError {
    const secs = this.timeoutMs / 1000;
    return new VonageApiError({
      kind: 'timeout', method, url, cause,
      message: `Vonage did not answer within ${secs} second${secs === 1 ? '' : 's'} (${method} ${describeUrl(url)}). Check your network or proxy and try again.`,
    });
  }
}

function authorizationHeader(auth: Exclude<Auth, { kind: 'query' }>): string {
  if (auth.kind === 'basic') return `Basic ${Buffer.from(`${auth.apiKey}:${auth.apiSecret}`).toString('base64')}`;
  return `Bearer ${auth.token}`;
}

function formBody(form: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) if (v !== undefined) params.append(k, v);
  return params.toString();
}

/** A URL with the value of any `api_secret` query parameter replaced (for a log line or a message). */
export function redactUrl(url: string): string {
  return url.replace(/([?&]api_secret=)[^&#]*/gi, '$1[redacted]');
}

/** Text with the query auth's secret (as typed, and URL-encoded) replaced: an upstream page may echo the URL back. */
function scrubText(text: string, auth: Auth): string {
  if (auth.kind !== 'query' || auth.apiSecret.length === 0) return text;
  let out = redactUrl(text);
  for (const form of new Set([auth.apiSecret, encodeURIComponent(auth.apiSecret), new URLSearchParams({ s: auth.apiSecret }).toString().slice(2)])) {
    out = out.split(form).join('[redacted]');
  }
  return out;
}

/** A network error safe to keep as a cause: with query auth, a copy whose message, stack and cause hold no secret. */
function scrubbed(e: unknown, auth: Auth): unknown {
  if (auth.kind !== 'query') return e;
  const o = (typeof e === 'object' && e !== null ? e : {}) as { name?: unknown; message?: unknown; code?: unknown; errno?: unknown; type?: unknown; cause?: unknown };
  const copy = new Error(scrubText(typeof o.message === 'string' ? o.message : String(e), auth));
  copy.name = typeof o.name === 'string' ? o.name : 'Error';
  copy.stack = `${copy.name}: ${copy.message}`;
  Object.assign(copy, {
    ...(typeof o.code === 'string' ? { code: o.code } : {}),
    ...(typeof o.errno === 'string' ? { errno: o.errno } : {}),
    ...(typeof o.type === 'string' ? { type: o.type } : {}),
    ...(o.cause !== undefined && o.cause !== e ? { cause: scrubbed(o.cause, auth) } : {}),
  });
  return copy;
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return url;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function cancelledError(method: string, url: string, cause?: unknown): VonageApiError {
  return new VonageApiError({ kind: 'cancelled', method, url, cause, message: 'The request was cancelled.' });
}

/** A network error's code (ECONNREFUSED, ENOTFOUND…), from the error or the first of its causes that has one. */
export function errorCode(e: unknown): string | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const o = e as { code?: unknown; errno?: unknown; cause?: unknown };
  if (typeof o.code === 'string') return o.code;
  if (typeof o.errno === 'string') return o.errno;
  return o.cause !== undefined && o.cause !== e ? errorCode(o.cause) : undefined;
}

function isReset(e: unknown): boolean {
  const code = errorCode(e);
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') return true;
  const msg = e instanceof Error ? e.message : '';
  return /socket hang up|premature close|ECONNRESET/i.test(msg);
}

function networkError(method: string, url: string, cause: unknown): VonageApiError {
  const host = hostOf(url);
  const code = errorCode(cause);
  let message: string;
  if (isReset(cause)) {
    message = `The connection to ${host} was reset before Vonage answered (${method} ${describeUrl(url)}). Check your network or proxy and try again.`;
  } else if (code === 'ECONNREFUSED') {
    message = `Could not connect to ${host}: the connection was refused. Check the Vonage base URL setting and your proxy.`;
  } else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    message = `Could not find the host ${host}. Check your internet connection and the Vonage base URL setting.`;
  } else if (code && /CERT|SSL|TLS/i.test(code)) {
    message = `The TLS certificate of ${host} was not accepted (${code}). If a proxy inspects HTTPS, configure its certificate for Node.`;
  } else {
    message = `Could not reach ${host}${code ? ` (${code})` : ''}. Check your network connection and try again.`;
  }
  return new VonageApiError({ kind: 'network', method, url, cause, message });
}

/** Whether an answer is a web page: its Content-Type says HTML, or its body opens with a tag. */
export function looksLikeHtml(text: string, contentType: string | null): boolean {
  return /html/i.test(contentType ?? '') || /^\s*</.test(text);
}

function parseSuccess<T>(status: number, text: string, contentType: string | null, method: string, url: string): T {
  if (status === 204 || text.trim() === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (cause) {
    const what = looksLikeHtml(text, contentType) ? 'an HTML page' : 'a body that is not JSON';
    throw new VonageApiError({
      kind: 'badResponse', status, method, url, cause,
      message: `${hostOf(url)} answered ${status} with ${what} instead of JSON. Check that the Vonage base URL setting points at the Vonage API (e.g. https://api.nexmo.com) and not at a proxy or web page.`,
    });
  }
}

/** Retry-After in whole seconds (from delta-seconds or an HTTP date), or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - nowMs) / 1000));
}

interface ApiErrorBody {
  type?: unknown;
  title?: unknown;
  detail?: unknown;
  code?: unknown;
  invalid_parameters?: unknown;
  error_title?: unknown;
  /** The REST host's Numbers and Account APIs: `{"error-code": "420", "error-code-label": "…"}`. */
  'error-code'?: unknown;
  'error-code-label'?: unknown;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function kindForStatus(status: number): VonageErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'invalid';
  if (status === 429) return 'rateLimited';
  if (status >= 500) return 'server';
  return 'http';
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

export function errorFromResponse(r: {
  status: number; text: string; contentType: string | null; retryAfter: string | null; method: string; url: string; auth: Auth;
}): VonageApiError {
  const { status, method, url } = r;
  const kind = kindForStatus(status);
  const retryAfterSeconds = parseRetryAfter(r.retryAfter);
  let body: ApiErrorBody | undefined;
  try {
    const parsed: unknown = JSON.parse(r.text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed;
  } catch {
    body = undefined;
  }
  const base = { kind, status, method, url, retryAfterSeconds };
  if (!body) {
    const what = looksLikeHtml(r.text, r.contentType) ? 'an HTML page' : r.text.trim() === '' ? 'an empty body' : 'a body that is not JSON';
    const hint = status === 404 || status === 405
      ? 'Check that the Vonage base URL setting points at the Vonage API (e.g. https://api.nexmo.com).'
      : status >= 500 || status === 429
        ? 'The service or a proxy in front of it is having trouble; try again in a moment.'
        : status === 401 || status === 403
          ? authHint(r.auth)
          : 'Check the Vonage base URL setting and any proxy between you and Vonage.';
    return new VonageApiError({
      ...base,
      message: `${hostOf(url)} answered ${status} with ${what} instead of a Vonage error (${method} ${describeUrl(url)}). ${hint}`,
    });
  }
  const title = str(body.title) ?? str(body.error_title);
  const detail = str(body.detail) ?? str(body['error-code-label']);
  const code = str(body.code) ?? codeFromType(str(body.type)) ?? str(body['error-code']);
  const invalidParameters = readInvalidParameters(body.invalid_parameters);
  const fields = { ...base, title, detail, code, invalidParameters };
  const why = detail ?? title;
  let message: string;
  switch (kind) {
    case 'unauthorized':
      message = r.auth.kind !== 'bearer'
        ? 'Vonage rejected the API key or secret (401). Check them in the dashboard settings and set them again.'
        : `Vonage rejected the application's token (401)${why ? `: ${sentence(why).replace(/\.$/, '')}` : ''}. Check that the stored private key belongs to this application and set it again if not.`;
      break;
    case 'forbidden':
      message = `Vonage refused this request (403)${why ? `: ${sentence(why).replace(/\.$/, '')}` : ''}. Check that your account has access to this feature.`;
      break;
    case 'notFound':
      message = `Vonage could not find ${thingAt(url)} (404)${why ? `: ${sentence(why).replace(/\.$/, '')}` : ''}. It may have been deleted; refresh and try again.`;
      break;
    case 'conflict':
      // Callers that know the cause say it better (a taken user name: usersClient's duplicateName).
      message = `Vonage reported a conflict (409)${why ? `: ${sentence(why).replace(/\.$/, '')}` : ''}: it clashes with something that already exists or changed meanwhile. Refresh, check the values and try again.`;
      break;
    case 'invalid': {
      const list = invalidParameters.map((p) => `${p.name}: ${p.reason}`).join('; ');
      const fix = invalidParameters.length === 0 ? 'Check the values' : `Correct ${invalidParameters.length === 1 ? 'that value' : 'those values'}`;
      message = `Vonage rejected the request (${status})${list ? `: ${list}` : why ? `: ${sentence(why).replace(/\.$/, '')}` : ''}. ${fix} and try again.`;
      break;
    }
    case 'rateLimited':
      message = `Vonage is limiting the request rate (429). ${retryAfterSeconds !== undefined ? `Wait ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}` : 'Wait a moment'} and try again.`;
      break;
    case 'server':
      message = `Vonage had a server error (${status})${why ? `: ${sentence(why).replace(/\.$/, '')}` : ''}. Try again in a moment.`;
      break;
    default:
      message = `Vonage answered ${status}${why ? `: ${sentence(why).replace(/\.$/, '')}` : ''} (${method} ${describeUrl(url)}).`;
  }
  return new VonageApiError({ ...fields, message });
}

/** What a 404 is about, from the request path: "the application", "the user", "the call", else "what was asked for". */
function thingAt(url: string): string {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return 'what was asked for';
  }
  if (/\/applications\/[^/]+$/.test(path)) return 'the application';
  if (/\/users\/[^/]+(\/(conversations|sessions))?$/.test(path)) return 'the user';
  if (/\/members\/[^/]+$/.test(path)) return 'the member';
  if (/\/conversations\/[^/]+(\/(members|events))?$/.test(path)) return 'the conversation';
  if (/\/v1\/calls\/[^/]+$/.test(path)) return 'the call';
  return 'what was asked for';
}

function authHint(auth: Auth): string {
  return auth.kind !== 'bearer'
    ? 'Check the API key and secret in the dashboard settings and set them again.'
    : "Check that the stored private key belongs to this application.";
}

function codeFromType(type: string | undefined): string | undefined {
  // Users API errors put the code after '#' in `type` (…/api/conversation#user:error:duplicate-name).
  if (!type) return undefined;
  const hash = type.lastIndexOf('#');
  const tail = hash >= 0 ? type.slice(hash + 1) : '';
  return tail.includes(':') ? tail : undefined;
}

function readInvalidParameters(v: unknown): InvalidParameter[] {
  if (!Array.isArray(v)) return [];
  const out: InvalidParameter[] = [];
  for (const item of v) {
    if (typeof item !== 'object' || item === null) continue;
    const o = item as { name?: unknown; reason?: unknown };
    const name = typeof o.name === 'string' ? o.name : '';
    const reason = typeof o.reason === 'string' ? o.reason : '';
    if (name || reason) out.push({ name, reason });
  }
  return out;
}
