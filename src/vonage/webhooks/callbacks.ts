// What a callback is, as the webhook server records it, and the plain readings of one: which call it
// belongs to, a one-line summary, the request as a curl command. Callback bodies are user data: these
// functions read them to show them, and nothing here logs.
import { endpointLabel } from '../voice';
import type { SignatureCheck } from './signature';

/** The server's paths: /webhooks/<applicationId>/<kind>. */
export type CallbackKind = 'answer' | 'fallback' | 'event' | 'rtc';
export const CALLBACK_KINDS: readonly CallbackKind[] = ['answer', 'fallback', 'event', 'rtc'];

/** A request as it arrived (the Authorization header is kept only as its decoded claims, in `signature`). */
export interface CallbackRequest {
  applicationId: string;
  kind: CallbackKind;
  method: string;
  /** The path as requested, without the query. */
  path: string;
  /** The raw query, without "?" ('' when none). */
  query: string;
  /** Lower-case names; never `authorization`. */
  headers: Record<string, string>;
  body: string;
}

/** Where an answer came from. */
export type AnswerSource = 'ncco-file' | 'no-ncco-file' | 'bad-ncco-file' | 'forwarded' | 'forward-failed' | 'event' | 'rejected';

export interface CallbackAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  source: AnswerSource;
  /** A sentence about the answer when it is not the plain one (why the NCCO file could not be served, why forwarding failed). */
  note?: string;
  /** Forwarded (or tried): where to, without the query (the request line has it). */
  forwardedTo?: string;
}

/** One callback as the inspector keeps it. */
export interface CallbackRecord {
  id: string;
  /** ISO 8601. */
  time: string;
  request: CallbackRequest;
  signature: SignatureCheck;
  answer: CallbackAnswer;
  /** Milliseconds from the request's arrival to the answer's end. */
  ms: number;
  /** The id of the record this one replays. */
  replayOf?: string;
}

/** The request's fields: the JSON body of a POST, the query of a GET. */
export function callbackFields(req: Pick<CallbackRequest, 'method' | 'query' | 'body'>): Record<string, unknown> {
  if (req.method.toUpperCase() === 'GET') return Object.fromEntries(new URLSearchParams(req.query));
  try {
    const v: unknown = JSON.parse(req.body);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : {};
  } catch {
    return {};
  }
}

/** The call a callback belongs to: its conversation (voice: conversation_uuid; rtc: conversation_id), else its leg's uuid. */
export function callKey(fields: Record<string, unknown>): string | undefined {
  return conversationOf(fields) ?? callUuid(fields);
}

/** The conversation a callback belongs to (voice: conversation_uuid; rtc: conversation_id), when it names one. */
export function conversationOf(fields: Record<string, unknown>): string | undefined {
  for (const k of ['conversation_uuid', 'conversation_id', 'cid']) {
    const v = fields[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  const body = fields.body;
  const cid = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).conversation_id : undefined;
  return typeof cid === 'string' && cid !== '' ? cid : undefined;
}

/** The call leg's uuid, when the callback names one. */
export function callUuid(fields: Record<string, unknown>): string | undefined {
  return typeof fields.uuid === 'string' && fields.uuid !== '' ? fields.uuid : undefined;
}

/** Who called whom, as the callback says ("alice → +44 7700 900000": numbers grouped as the Numbers and Calls views show them). */
export function fromTo(fields: Record<string, unknown>): string | undefined {
  const from = party(fields.from_user) ?? party(fields.from);
  const to = party(fields.to);
  if (!from && !to) return undefined;
  return `${from ?? '?'} → ${to ?? '?'}`;
}

function party(v: unknown): string | undefined {
  if (typeof v === 'string' && v !== '') return shownParty(v);
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    for (const k of ['user', 'number', 'uri', 'extension']) if (typeof o[k] === 'string' && o[k] !== '') return shownParty(o[k]);
  }
  return undefined;
}

/** A phone number (E.164 digits, as Vonage sends them) as a person reads it; a user name or address as it is. */
function shownParty(text: string): string {
  return /^\d{7,15}$/.test(text) ? endpointLabel({ type: 'phone', number: text }) : text;
}

/** One line on what the callback says: the status or event type (rtc, voice events), and from → to (voice). */
export function callbackSummary(req: Pick<CallbackRequest, 'kind' | 'method' | 'query' | 'body'>): string {
  const fields = callbackFields(req);
  if (req.kind === 'rtc') return typeof fields.type === 'string' ? fields.type : 'rtc event';
  const parties = fromTo(fields);
  if (req.kind !== 'event') return parties ?? 'no caller named';
  const what = typeof fields.status === 'string' ? fields.status : typeof fields.type === 'string' ? fields.type : 'event';
  return parties ? `${what} · ${parties}` : what;
}

/** A shell-safe single-quoted word. */
function quoted(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Headers a replayed request must not carry: credentials, and what the connection decides. */
const NOT_REPLAYED = new Set(['authorization', 'cookie', 'host', 'content-length', 'connection', 'keep-alive', 'transfer-encoding', 'proxy-authorization', 'expect', 'te', 'trailer', 'upgrade']);

/** The headers worth sending again: the request's, without credentials or connection headers. */
export function replayHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !NOT_REPLAYED.has(k.toLowerCase())));
}

/** The request as a curl command against `base` (the webhook server): method, path, query, headers, body; no credentials. */
export function curlCommand(req: CallbackRequest, base: string): string {
  const url = `${base.replace(/\/+$/, '')}${req.path}${req.query ? `?${req.query}` : ''}`;
  const parts = ['curl', '-X', req.method.toUpperCase(), quoted(url)];
  for (const [k, v] of Object.entries(replayHeaders(req.headers))) parts.push('-H', quoted(`${k}: ${v}`));
  if (req.body !== '') parts.push('--data-raw', quoted(req.body));
  return parts.join(' ');
}
