// Voice API (https://api.nexmo.com/v1/calls) with the application's admin JWT: place a call, list the
// application's calls, read one, hang one up. Contract: ../shared/vonage-api/rooted/voice.v1-calls-rooted.yml.
//
// A call costs money and rings someone, so it is placed once: the POST is never repeated. When its answer is
// lost (no answer in time, a reset, a 5xx, a 429, an answer that is not JSON), the application's calls are
// read — those started since a little before the POST was sent, to the same endpoint — to settle what
// happened: placed (its uuid), not found (yet: the list may lag, and a POST cancelled on its way may still be
// carried out, so nothing promises that calling again is safe), or unknown (the read failed too).
import { mapBounded, range } from './concurrency';
import { isCancellation, isDefiniteRejection, unclearReason, VonageApiError, VonageInputError } from './errors';
import type { Auth, VonageHttpClient } from './httpClient';
import { webhookUrlProblem, type WebhookUrlField } from './urls';
import {
  type Call, type CallEndpoint, type CallStatus, callFrom, checkedE164, checkedEndpoint, endpointLabel, endpointFrom, isCallStatus, isLive,
} from './voice';

/** Largest page of calls the API serves. */
export const MAX_CALLS_PAGE_SIZE = 100;
const DEFAULT_CONCURRENCY = 10;
/**
 * How far before the POST the reading of a lost create starts (its `date_start`): Vonage stamps a call with
 * its own clock, which may be behind ours. Small, so an earlier call to the same endpoint is not taken for it.
 */
export const SETTLE_WINDOW_MS = 30_000;

export interface CreateCallInput {
  to: CallEndpoint;
  /** A number of the account (for a phone call, linked to the application); or randomFromNumber. */
  from?: { type: 'phone'; number: string };
  /** Vonage picks one of the numbers linked to the application. Not with `from`. */
  randomFromNumber?: boolean;
  /** The NCCO to run when the call is answered (checked against the NCCO schema by the caller); or answerUrl. */
  ncco?: readonly Record<string, unknown>[];
  answerUrl?: string;
  answerMethod?: 'GET' | 'POST';
  /** Default: the application's voice event URL. */
  eventUrl?: string;
  eventMethod?: 'GET' | 'POST';
}

export interface CreatedCall {
  uuid: string;
  conversationUuid: string;
  status: CallStatus;
  direction: 'outbound' | 'inbound';
  /** Vonage's answer, or (the answer lost) reading the application's calls. */
  settledBy: 'answer' | 'reading';
}

export interface CallsQuery {
  status?: CallStatus;
  /** 1..100; default 100. */
  pageSize?: number;
  /** The index of the first call of the page (0 = the first). */
  recordIndex?: number;
  /** The API's default is 'asc' (oldest first). */
  order?: 'asc' | 'desc';
  /** ISO 8601: calls that started after this time. */
  dateStart?: string;
  /** ISO 8601: calls that started before this time. */
  dateEnd?: string;
  conversationUuid?: string;
}

export interface CallsPage {
  /** How many calls match, over every page. */
  count: number;
  recordIndex: number;
  items: Call[];
}

export interface HangUpResult {
  uuid: string;
  status: CallStatus;
  /** The call had ended before: nothing was done (not an error). */
  alreadyOver: boolean;
  /** The call as read once over (its duration, end time and price); absent while Vonage has not ended it yet. */
  call?: Call;
}

interface CallsPageBody { count?: unknown; record_index?: unknown; _embedded?: { calls?: unknown } }
interface CreateBody { uuid?: unknown; status?: unknown; direction?: unknown; conversation_uuid?: unknown }

export class VoiceClient {
  private readonly concurrency: number;
  private readonly now: () => number;

  constructor(private readonly http: VonageHttpClient, private readonly token: () => string, opts?: { concurrency?: number; now?: () => number }) {
    this.concurrency = Math.max(1, opts?.concurrency ?? DEFAULT_CONCURRENCY);
    this.now = opts?.now ?? Date.now;
  }

  private auth(): Auth {
    return { kind: 'bearer', token: this.token() };
  }

  /** Places the call. Sent once; a lost answer is settled by reading the application's calls, never by sending again. */
  async create(input: CreateCallInput, signal?: AbortSignal): Promise<CreatedCall> {
    const body = createBody(input);
    const to = body.to[0];
    if (signal?.aborted) throw new VonageApiError({ kind: 'cancelled', method: 'POST', url: `${this.http.baseUrl}/v1/calls`, message: 'The request was cancelled.' });
    const sentAt = this.now();
    try {
      const raw = await this.http.request<CreateBody | undefined>({ method: 'POST', path: '/v1/calls', body, auth: this.auth(), signal });
      return { ...createdFrom(raw), settledBy: 'answer' };
    } catch (e) {
      if (!(e instanceof VonageApiError)) throw e;
      if (isDefiniteRejection(e)) throw refusal(e, to);
      return this.settleCreate(to, sentAt, e);
    }
  }

  /** The answer to a create was lost: the application's calls since just before it say whether it was placed. */
  private async settleCreate(to: CallEndpoint, sentAt: number, lost: VonageApiError): Promise<CreatedCall> {
    const who = endpointLabel(to);
    let found: Call | undefined;
    try {
      // Not the caller's signal: a cancel may be what made the outcome unclear.
      const calls = await this.list({ dateStart: apiTime(sentAt - SETTLE_WINDOW_MS), order: 'desc' });
      found = calls.find((c) => c.direction === 'outbound' && sameEndpoint(c.to, to));
    } catch {
      throw lost.withMessage(`Vonage did not confirm placing the call to ${who} (${unclearReason(lost)}), and the application's calls could not be read either, so whether it was placed is unknown. Look at the application's Calls before trying again, so you do not call twice.`);
    }
    if (found) return { uuid: found.uuid, conversationUuid: found.conversationUuid, status: found.status, direction: found.direction, settledBy: 'reading' };
    // Not "not placed": the list may not show a call placed a moment ago, and a POST cancelled on its way may still be carried out.
    throw lost.withMessage(`Vonage did not confirm placing the call to ${who} (${unclearReason(lost)}), and the application's calls do not show it yet: it may not have been placed, or Vonage may not list it yet. Look at the application's Calls in a minute before calling again, so you do not call twice.`);
  }

  /** One page of the application's calls, with `count` over every page. */
  async listPage(query: CallsQuery = {}, signal?: AbortSignal): Promise<CallsPage> {
    const q = checkedQuery(query);
    const body = await this.http.request<CallsPageBody | undefined>({
      method: 'GET',
      path: '/v1/calls',
      query: {
        page_size: q.pageSize,
        record_index: q.recordIndex,
        order: q.order,
        status: q.status,
        date_start: q.dateStart,
        date_end: q.dateEnd,
        conversation_uuid: q.conversationUuid,
      },
      auth: this.auth(),
      signal,
    });
    const raw = body?._embedded?.calls;
    const items = Array.isArray(raw) ? raw.map(callFrom) : [];
    const count = typeof body?.count === 'number' ? body.count : Number(body?.count) || items.length;
    return { count, recordIndex: q.recordIndex, items };
  }

  /**
   * Every call that matches: the first page (100) says how many there are, then the other pages are read side
   * by side by record_index — two round trips, the floor this paging allows. A call placed meanwhile shifts the
   * pages; a call then seen twice is kept once.
   */
  async list(query: Omit<CallsQuery, 'pageSize' | 'recordIndex'> = {}, signal?: AbortSignal): Promise<Call[]> {
    const page = (recordIndex: number) => this.listPage({ ...query, pageSize: MAX_CALLS_PAGE_SIZE, recordIndex }, signal);
    const first = await page(0);
    const pages = Math.ceil(first.count / MAX_CALLS_PAGE_SIZE);
    const rest = await mapBounded(range(1, pages - 1), this.concurrency, (i) => page(i * MAX_CALLS_PAGE_SIZE));
    const seen = new Set<string>();
    return [first, ...rest].flatMap((p) => p.items).filter((c) => !seen.has(c.uuid) && seen.add(c.uuid));
  }

  async get(uuid: string, signal?: AbortSignal): Promise<Call> {
    const raw = await this.http.request<unknown>({ method: 'GET', path: callPath(uuid), auth: this.auth(), signal });
    return callFrom(raw);
  }

  /**
   * Ends the call. It is read first: a call already over is not an error (its status, alreadyOver true). A
   * hangup Vonage refuses because the call ended meanwhile is read again and said the same way.
   */
  async hangUp(uuid: string, signal?: AbortSignal): Promise<HangUpResult> {
    const before = await this.get(uuid, signal);
    if (!isLive(before.status)) return { uuid: before.uuid || uuid, status: before.status, alreadyOver: true, call: before };
    try {
      await this.http.request<void>({ method: 'PUT', path: callPath(uuid), body: { action: 'hangup' }, auth: this.auth(), signal });
    } catch (e) {
      if (!(e instanceof VonageApiError) || isCancellation(e) || e.kind === 'unauthorized' || e.kind === 'forbidden') throw e;
      return this.settleHangUp(uuid, e);
    }
    const after = await this.readAfterHangUp(uuid);
    if (after) return { uuid, status: after.status, alreadyOver: false, call: after };
    return { uuid, status: before.status === 'answered' || before.status === 'machine' ? 'completed' : 'cancelled', alreadyOver: false };
  }

  /** Vonage ends a call on its own time: the call as read now when it is over, else undefined (then its status is the one a hangup leads to). */
  private async readAfterHangUp(uuid: string): Promise<Call | undefined> {
    try {
      const now = await this.get(uuid);
      return isLive(now.status) ? undefined : now;
    } catch {
      return undefined; // the hangup was accepted; only the read-back failed
    }
  }

  private async settleHangUp(uuid: string, failed: VonageApiError): Promise<HangUpResult> {
    let now: Call;
    try {
      now = await this.get(uuid);
    } catch {
      throw failed;
    }
    if (!isLive(now.status)) return { uuid, status: now.status, alreadyOver: isDefiniteRejection(failed), call: now };
    if (isDefiniteRejection(failed)) throw failed;
    throw failed.withMessage(`Vonage did not confirm hanging up the call (${unclearReason(failed)}), and it is still ${now.status}. Hang it up again: ending a call twice does no harm.`);
  }
}

/** The POST body, every part checked before anything is sent. */
function createBody(input: CreateCallInput): Record<string, unknown> & { to: CallEndpoint[] } {
  const to = checkedEndpoint(input?.to, 'to');
  const body: Record<string, unknown> & { to: CallEndpoint[] } = { to: [to] };
  if (input.from !== undefined && input.randomFromNumber) {
    throw new VonageInputError('Give either the number to call from (from) or randomFromNumber, not both.', 'from');
  }
  if (input.from !== undefined) body.from = { type: 'phone', number: checkedE164(input.from?.number, 'from') };
  if (input.randomFromNumber) body.random_from_number = true;
  const hasNcco = input.ncco !== undefined;
  const hasAnswerUrl = input.answerUrl !== undefined && input.answerUrl !== '';
  if (hasNcco === hasAnswerUrl) {
    throw new VonageInputError('Say what the call does when it is answered: an NCCO (ncco) or an answer URL (answerUrl), one of the two.', 'ncco');
  }
  if (hasNcco) {
    if (!Array.isArray(input.ncco) || input.ncco.length === 0 || !input.ncco.every((a) => typeof a === 'object' && a !== null && !Array.isArray(a))) {
      throw new VonageInputError('The NCCO must be a non-empty JSON array of actions, such as [{"action": "talk", "text": "Hello"}].', 'ncco');
    }
    body.ncco = input.ncco;
  } else {
    body.answer_url = [checkedUrl(input.answerUrl!, 'voiceAnswerUrl')];
    if (input.answerMethod !== undefined) body.answer_method = checkedMethod(input.answerMethod, 'answerMethod');
  }
  if (input.eventUrl !== undefined && input.eventUrl !== '') body.event_url = [checkedUrl(input.eventUrl, 'voiceEventUrl')];
  if (input.eventMethod !== undefined) body.event_method = checkedMethod(input.eventMethod, 'eventMethod');
  return body;
}

function checkedUrl(url: string, field: WebhookUrlField): string {
  const problem = webhookUrlProblem(url, field);
  if (problem) throw new VonageInputError(problem, field === 'voiceAnswerUrl' ? 'answerUrl' : 'eventUrl');
  return url.trim();
}

function checkedMethod(method: unknown, field: string): 'GET' | 'POST' {
  if (method !== 'GET' && method !== 'POST') throw new VonageInputError(`${field} must be GET or POST, not "${String(method)}".`, field);
  return method;
}

function checkedQuery(q: CallsQuery): Required<Pick<CallsQuery, 'pageSize' | 'recordIndex'>> & CallsQuery {
  const pageSize = q.pageSize ?? MAX_CALLS_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_CALLS_PAGE_SIZE) throw new VonageInputError(`pageSize must be a whole number from 1 to ${MAX_CALLS_PAGE_SIZE}, not ${String(q.pageSize)}.`, 'pageSize');
  const recordIndex = q.recordIndex ?? 0;
  if (!Number.isInteger(recordIndex) || recordIndex < 0) throw new VonageInputError(`recordIndex must be a whole number from 0, not ${String(q.recordIndex)}.`, 'recordIndex');
  if (q.status !== undefined && !isCallStatus(q.status)) throw new VonageInputError(`"${String(q.status)}" is not a call status: use one of started, ringing, answered, machine, completed, busy, cancelled, failed, rejected, timeout, unanswered.`, 'status');
  if (q.order !== undefined && q.order !== 'asc' && q.order !== 'desc') throw new VonageInputError(`order must be asc or desc, not "${String(q.order)}".`, 'order');
  return {
    ...q, pageSize, recordIndex,
    dateStart: q.dateStart === undefined ? undefined : checkedTime(q.dateStart, 'dateStart'),
    dateEnd: q.dateEnd === undefined ? undefined : checkedTime(q.dateEnd, 'dateEnd'),
    conversationUuid: q.conversationUuid?.trim() || undefined,
  };
}

function checkedTime(value: string, field: string): string {
  const ms = Date.parse(value);
  if (typeof value !== 'string' || Number.isNaN(ms)) throw new VonageInputError(`${field} "${String(value)}" is not a time: give it in ISO 8601, such as 2026-05-01T09:30:00Z.`, field);
  return apiTime(ms);
}

/** The document's date-time form: ISO 8601 in UTC, whole seconds (2016-11-14T07:45:14Z). */
function apiTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function callPath(uuid: string): string {
  if (typeof uuid !== 'string' || uuid.trim() === '') throw new VonageInputError('Say which call (uuid).', 'uuid');
  return `/v1/calls/${encodeURIComponent(uuid.trim())}`;
}

function createdFrom(raw: CreateBody | undefined): Omit<CreatedCall, 'settledBy'> {
  const call = callFrom(raw);
  return { uuid: call.uuid, conversationUuid: call.conversationUuid, status: call.status, direction: call.direction };
}

function sameEndpoint(a: CallEndpoint | undefined, b: CallEndpoint): boolean {
  const x = endpointFrom(a);
  return x !== undefined && JSON.stringify(endpointKey(x)) === JSON.stringify(endpointKey(b));
}

function endpointKey(e: CallEndpoint): [string, string] {
  switch (e.type) {
    case 'phone': return ['phone', e.number];
    case 'app': return ['app', e.user];
    case 'vbc': return ['vbc', e.extension];
    default: return [e.type, e.uri];
  }
}

/** One sentence for a definite no to placing a call: what, why, what to do; no call was placed. */
function refusal(e: VonageApiError, to: CallEndpoint): VonageApiError {
  const who = endpointLabel(to);
  if (e.kind === 'unauthorized') return e;
  const reasons = e.invalidParameters.map((p) => `${p.name}: ${p.reason}`).join('; ');
  const why = reasons || e.detail || e.title;
  const said = `(${e.status ?? 'refused'}${why ? `: ${why.replace(/\.$/, '')}` : ''})`;
  if (e.kind === 'invalid') return e.withMessage(`Vonage refused the call to ${who} ${said}. Correct ${e.invalidParameters.length > 1 ? 'those values' : 'that'} and try again; no call was placed.`);
  if (e.kind === 'forbidden') return e.withMessage(`Vonage refused the call to ${who} ${said}: the application may not have the voice capability, or the account may not be allowed to call there. Check the application and the account, then try again; no call was placed.`);
  if (e.status === 402) return e.withMessage(`Vonage refused the call to ${who} ${said}: the balance does not cover it. Top up your account on the Vonage dashboard and try again; no call was placed.`);
  return e.withMessage(`Vonage refused the call to ${who} ${said}; no call was placed. Check the call's details and try again.`);
}
