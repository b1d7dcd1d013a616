// What a Voice API call is (https://api.nexmo.com/v1/calls), how a person reads one, and the checks made
// before anything is sent. Plain data, no I/O: the client (voiceClient.ts) and the extension both use them.
// Shapes from ../shared/vonage-api/rooted/voice.v1-calls-rooted.yml (Voice API 1.3.8).
import { VonageInputError } from './errors';
import { formatMsisdn, readPhoneNumber } from './numbers';

/** Every status the document lists for a call (the list's `status` filter takes the same values). */
export const CALL_STATUSES = [
  'started', 'ringing', 'answered', 'machine', 'completed', 'busy', 'cancelled', 'failed', 'rejected', 'timeout', 'unanswered',
] as const;
export type CallStatus = typeof CALL_STATUSES[number];

/** The statuses of a call still in progress: it can be hung up. */
export const LIVE_CALL_STATUSES: readonly CallStatus[] = ['started', 'ringing', 'answered', 'machine'];

export function isLive(status: string): boolean {
  return (LIVE_CALL_STATUSES as readonly string[]).includes(status);
}

export function isCallStatus(value: unknown): value is CallStatus {
  return typeof value === 'string' && (CALL_STATUSES as readonly string[]).includes(value);
}

/** An endpoint of a call: a phone number (E.164 digits), a Client SDK user (by name), SIP, a WebSocket, a VBC extension. */
export type CallEndpoint =
  | { type: 'phone'; number: string }
  | { type: 'app'; user: string }
  | { type: 'sip'; uri: string }
  | { type: 'websocket'; uri: string; 'content-type'?: string }
  | { type: 'vbc'; extension: string };

export interface Call {
  uuid: string;
  conversationUuid: string;
  /** As Vonage said it (one of CALL_STATUSES; a status the document does not list is kept as it came). */
  status: CallStatus;
  direction: 'outbound' | 'inbound';
  from?: CallEndpoint;
  to?: CallEndpoint;
  /** ISO 8601. */
  startTime?: string;
  endTime?: string;
  durationSeconds?: number;
  /** The total price, as Vonage writes it ("0.00450000"); only on a completed call. */
  price?: string;
  /** The price per minute. */
  rate?: string;
}

const WEBSOCKET_CONTENT_TYPES = ['audio/l16;rate=8000', 'audio/l16;rate=16000'];

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);
const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : {});

/** A call as GET /v1/calls and GET /v1/calls/{uuid} return it (snake_case, times "YYYY-MM-DD HH:MM:SS" or ISO, duration as text). */
export function callFrom(raw: unknown): Call {
  const r = record(raw);
  const duration = Number(text(r.duration));
  return {
    uuid: text(r.uuid) ?? '',
    conversationUuid: text(r.conversation_uuid) ?? '',
    status: (text(r.status) ?? 'started') as CallStatus,
    direction: r.direction === 'inbound' ? 'inbound' : 'outbound',
    from: endpointFrom(r.from),
    to: endpointFrom(Array.isArray(r.to) ? r.to[0] : r.to),
    startTime: isoTime(r.start_time),
    endTime: isoTime(r.end_time),
    durationSeconds: text(r.duration) !== undefined && Number.isFinite(duration) ? duration : undefined,
    price: text(r.price),
    rate: text(r.rate),
  };
}

/** An endpoint as the API writes one (`{type, number}`, `{type: 'app', user}`, …); undefined when it is not one. */
export function endpointFrom(raw: unknown): CallEndpoint | undefined {
  const r = record(raw);
  switch (r.type) {
    case 'phone': return text(r.number) !== undefined ? { type: 'phone', number: text(r.number)! } : undefined;
    case 'app': return text(r.user) !== undefined ? { type: 'app', user: text(r.user)! } : undefined;
    case 'sip': return text(r.uri) !== undefined ? { type: 'sip', uri: text(r.uri)! } : undefined;
    case 'websocket': return text(r.uri) !== undefined ? { type: 'websocket', uri: text(r.uri)!, ...(text(r['content-type']) ? { 'content-type': text(r['content-type']) } : {}) } : undefined;
    case 'vbc': return text(r.extension) !== undefined ? { type: 'vbc', extension: text(r.extension)! } : undefined;
    default: return undefined;
  }
}

/** The document's form of a time, "2020-01-01 12:00:00" (UTC), with each field in range. */
const DOCUMENT_TIME = /^(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])) ((?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d)$/;

/**
 * "2020-01-01 12:00:00" (the document's form, UTC) or an ISO 8601 time, as ISO 8601; undefined when unreadable.
 * The document's form is rewritten as text (a thousand calls are read per list; no Date round trip).
 */
function isoTime(v: unknown): string | undefined {
  const t = text(v);
  if (t === undefined) return undefined;
  const spaced = DOCUMENT_TIME.exec(t);
  if (spaced) return `${spaced[1]}T${spaced[2]}.000Z`;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2} \d/.test(t) ? `${t.replace(' ', 'T')}Z` : t);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * A phone number as the Voice API takes it: E.164 digits without the +, 7 to 15 of them (the document's
 * AddressE164). A leading +, spaces, dashes, dots and brackets are allowed in what is typed. A number in national
 * form (07700 900123) or with a dialling prefix (00 44…) is refused: taken as E.164 it would be another number
 * (+07700900123, +0044…), and calling costs money. No country calling code starts with 0.
 */
export function checkedE164(value: unknown, field = 'number'): string {
  const digits = typeof value === 'string' ? value.replace(/[\s\-().]/g, '').replace(/^\+/, '') : '';
  if (digits === '') {
    throw new VonageInputError(`Say which number to call${field === 'from' ? ' from' : ''} (${field}), with + and the country code, such as +44 7700 900000.`, field);
  }
  if (/^00/.test(digits)) {
    throw new VonageInputError(`"${String(value)}" starts with 00, the prefix for dialling abroad from some countries: write + and the country code instead, such as +44 7700 900000.`, field);
  }
  if (/^0/.test(digits)) {
    throw new VonageInputError(`"${String(value)}" is a number in national form (it starts with 0): Vonage needs it in international form, with the country code, such as +44 7700 900000.`, field);
  }
  if (!/^\d{7,15}$/.test(digits)) {
    throw new VonageInputError(`"${String(value)}" is not a phone number Vonage can call: give it in international form (7 to 15 digits with the country code), such as +44 7700 900000.`, field);
  }
  const problem = phoneNumberProblem(digits);
  if (problem) throw new VonageInputError(`"${String(value)}" ${problem}`, field);
  return digits;
}

/** What is wrong with E.164 digits that no number can have (by the country's calling code and lengths), in words; undefined when nothing is. */
function phoneNumberProblem(digits: string): string | undefined {
  const { problem, callingCode } = readPhoneNumber(digits);
  switch (problem) {
    case undefined: return undefined;
    case 'no-calling-code': return 'does not start with a country calling code: write + and the country code first, such as +44 7700 900000 (44 is the UK\'s, 1 the US\'s).';
    case 'too-short': return `is too short for a +${callingCode ?? '…'} number: check the digits.`;
    case 'too-long': return `is too long for a +${callingCode ?? '…'} number: check the digits.`;
    case 'wrong-length': return `has a length no +${callingCode ?? '…'} number has: check the digits.`;
  }
}

/** The endpoint as it will be sent, checked: a clear VonageInputError naming what is wrong otherwise. */
export function checkedEndpoint(e: CallEndpoint, field = 'to'): CallEndpoint {
  const r = record(e);
  const need = (v: unknown, what: string, example: string): string => {
    const t = typeof v === 'string' ? v.trim() : '';
    if (!t) throw new VonageInputError(`Say which ${what} to call (${field}), such as ${example}.`, field);
    return t;
  };
  switch (r.type) {
    case 'phone': return { type: 'phone', number: checkedE164(r.number, field) };
    case 'app': return { type: 'app', user: need(r.user, 'user of the application', '"alice"') };
    case 'sip': {
      const uri = need(r.uri, 'SIP address', 'sip:alice@sip.example.com');
      if (!/^sips?:[^\s@]+@\S+$/.test(uri)) throw new VonageInputError(`"${uri}" is not a SIP address: write it as sip:user@host.`, field);
      return { type: 'sip', uri };
    }
    case 'websocket': {
      const uri = need(r.uri, 'WebSocket', 'wss://example.com/socket');
      if (!/^wss?:\/\/\S+$/.test(uri)) throw new VonageInputError(`"${uri}" is not a WebSocket address: it starts with wss:// (or ws://).`, field);
      const contentType = typeof r['content-type'] === 'string' ? r['content-type'] : 'audio/l16;rate=16000';
      if (!WEBSOCKET_CONTENT_TYPES.includes(contentType)) throw new VonageInputError(`The WebSocket content type must be ${WEBSOCKET_CONTENT_TYPES.join(' or ')}, not "${contentType}".`, field);
      return { type: 'websocket', uri, 'content-type': contentType };
    }
    case 'vbc': {
      const extension = need(r.extension, 'VBC extension', '"1234"');
      if (!/^\d+$/.test(extension)) throw new VonageInputError(`"${extension}" is not a VBC extension: it is digits only.`, field);
      return { type: 'vbc', extension };
    }
    default:
      throw new VonageInputError(`Say what to call (${field}): a phone number, an app user, a SIP address, a WebSocket or a VBC extension.`, field);
  }
}

/** How a person reads an endpoint: "alice (app)", "+44 7700 900000" (grouped as its country writes it, as in the Numbers view), "sip:…". */
export function endpointLabel(e: CallEndpoint | undefined): string {
  if (!e) return 'unknown';
  switch (e.type) {
    case 'phone': return formatMsisdn(e.number);
    case 'app': return `${e.user} (app)`;
    case 'sip': return e.uri;
    case 'websocket': return `${e.uri} (WebSocket)`;
    case 'vbc': return `extension ${e.extension} (VBC)`;
  }
}

