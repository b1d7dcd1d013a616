// The seam every further API of the sandbox plugs into (the Numbers and Account APIs of the REST host,
// the Conversation API): a module says which paths it answers and handles them; the server does the
// rest for it — latency, faults (including the processed-then-lost answers), the request log — and
// forwards the /_sandbox/ control routes it does not know, and resets.
import type * as http from 'http';
import type { ErrorReply } from './errors';

export type Json = Record<string, unknown>;

/** Thrown by a handler: the server answers with it. */
export class HttpError extends Error {
  constructor(readonly reply: ErrorReply) {
    const { title, 'error-code-label': label } = reply.body;
    super(typeof title === 'string' ? title : typeof label === 'string' ? label : String(reply.status));
  }
}

/** One API request, as a module sees it. */
export interface ApiRequest {
  readonly method: string;
  readonly url: URL;
  /** The path without a trailing slash. */
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  /** The raw body. */
  readonly body: string;
  /** The query's parameters, then (for an application/x-www-form-urlencoded body) the form's. */
  params(): URLSearchParams;
  /** The base URL the client used (for _links). */
  baseUrl(): string;
  send(status: number, body?: unknown, headers?: Record<string, string>): void;
}

export interface ControlReply { status: number; body?: unknown }

export interface SandboxApi {
  /** Whether `path` is this API's. */
  owns(path: string): boolean;
  handle(req: ApiRequest): void | Promise<void>;
  /** The body a fault of `status` (409, 429, 5xx) answers on this API's paths; the Applications API's shape otherwise. */
  faultReply?(status: number): ErrorReply | undefined;
  /** A /_sandbox/ control route (`POST /_sandbox/login`), or undefined when it is not this module's. */
  control?(route: string, body: Json): ControlReply | undefined | Promise<ControlReply | undefined>;
  /** The control routes it adds, for the 404 of an unknown one and the banner. */
  readonly controlRoutes?: readonly string[];
  /** Back to the empty state (POST /_sandbox/reset). */
  reset?(): void;
  /** The sandbox is stopping: timers and outgoing requests end. */
  stop?(): void;
  /** Its part of GET /_sandbox/state. */
  state?(): Json;
}
