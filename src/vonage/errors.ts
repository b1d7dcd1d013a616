// Typed errors of the core. Every failure a user can meet becomes one of two classes:
// VonageApiError (the API or the network said no) and VonageInputError (what the user typed is wrong).
// Their messages are one sentence a person can act on, and never carry a secret.

export type VonageErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'invalid'
  | 'rateLimited'
  | 'server'
  | 'http'
  | 'timeout'
  | 'network'
  | 'badResponse'
  | 'cancelled';

export interface InvalidParameter {
  name: string;
  reason: string;
}

export interface VonageApiErrorInit {
  kind: VonageErrorKind;
  message: string;
  method: string;
  url: string;
  status?: number;
  title?: string;
  detail?: string;
  code?: string;
  invalidParameters?: InvalidParameter[];
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class VonageApiError extends Error {
  readonly kind: VonageErrorKind;
  readonly status?: number;
  readonly title?: string;
  readonly detail?: string;
  readonly code?: string;
  readonly invalidParameters: InvalidParameter[];
  readonly method: string;
  readonly url: string;
  readonly retryAfterSeconds?: number;

  constructor(init: VonageApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'VonageApiError';
    this.kind = init.kind;
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.code = init.code;
    this.invalidParameters = init.invalidParameters ?? [];
    this.method = init.method;
    this.url = init.url;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** The same error with another message (used where a caller knows better what to say, e.g. a duplicate user name). */
  withMessage(message: string): VonageApiError {
    return new VonageApiError({ ...this.init(), message });
  }

  private init(): VonageApiErrorInit {
    return {
      kind: this.kind, message: this.message, method: this.method, url: this.url, status: this.status,
      title: this.title, detail: this.detail, code: this.code, invalidParameters: this.invalidParameters,
      retryAfterSeconds: this.retryAfterSeconds, cause: this.cause,
    };
  }
}

/** Bad user input: key text, ttl, acl, name, url. `field` names the input that is wrong. */
export class VonageInputError extends Error {
  readonly field?: string;
  constructor(message: string, field?: string) {
    super(message);
    this.name = 'VonageInputError';
    this.field = field;
  }
}

/** True when the error means "the user (or the caller's AbortSignal) cancelled": callers stay silent then. */
export function isCancellation(e: unknown): boolean {
  if (e instanceof VonageApiError) return e.kind === 'cancelled';
  if (typeof e === 'object' && e !== null) {
    const name = (e as { name?: unknown }).name;
    return name === 'AbortError' || name === 'CancellationError' || (name === 'Canceled' && (e as { message?: unknown }).message === 'Canceled');
  }
  return false;
}

/**
 * True when a write was certainly NOT carried out: the input was refused before anything was sent, or
 * Vonage answered with a definite 4xx (invalid, unauthorized, forbidden, not found, conflict, …). False
 * when the outcome is unknown — a timeout, a reset, a 5xx, an unreadable answer, a 408/429, a cancel
 * after sending — because Vonage may have done the work and only the answer was lost.
 */
export function isDefiniteRejection(e: unknown): boolean {
  if (e instanceof VonageInputError) return true;
  if (!(e instanceof VonageApiError)) return false;
  if (['unauthorized', 'forbidden', 'notFound', 'conflict', 'invalid'].includes(e.kind)) return true;
  const s = e.status;
  return s !== undefined && s >= 400 && s < 500 && s !== 408 && s !== 429 && e.kind !== 'badResponse';
}

/** Why the answer to a write is unclear, in a few words (for "Vonage did not confirm … (no answer in time)"). */
export function unclearReason(e: VonageApiError): string {
  switch (e.kind) {
    case 'timeout': return 'no answer in time';
    case 'network': return 'the connection failed';
    case 'cancelled': return 'cancelled while it was on its way';
    case 'rateLimited': return 'rate limited, 429';
    case 'badResponse': return 'an answer that was not JSON';
    default: return e.status !== undefined ? `answer ${e.status}` : e.kind;
  }
}
