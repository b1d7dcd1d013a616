// The Voice API in the sandbox (../shared/vonage-api/rooted/voice.v1-calls-rooted.yml, Voice API 1.3.8):
// POST /v1/calls (an inline NCCO or an answer URL; to app, phone, sip, websocket or vbc; from a number of the
// account or random_from_number), GET /v1/calls (paged by page_size and record_index, with count; filters
// status, date_start, date_end, conversation_uuid; order), GET /v1/calls/{uuid}, PUT /v1/calls/{uuid}
// (hangup, mute, unmute, earmuff, unearmuff, transfer → 204) and its talk, stream and dtmf. Auth: the
// application's admin JWT; calls are per application. How a call lives is voiceCalls.ts; the clock the tests
// control is voiceClock.ts; callbacks and their log are callbacks.ts.
//
// Control routes (no auth, no faults):
//   POST /_sandbox/clock {advanceMs}                       the voice clock moves on (timers fire)
//   POST /_sandbox/calls {applicationId, fromUser | from, to, customData?} → 201 {uuid, conversationUuid}
//                                                          a call INTO Vonage (a Client SDK app's server call, or
//                                                          a phone dialling a number linked to the application)
//   POST /_sandbox/calls/{uuid}/answer | reject | hangup   the far end picks up, declines, hangs up
//   GET  /_sandbox/webhooks                                every callback sent, with the answer it got
//
// Where the sandbox decides what the document does not say (and the live API may differ): a phone call needs
// `from` (a number the account owns) or random_from_number (a number linked to the application); an inline
// NCCO Vonage would not run is refused with a 400 at once; an application without the voice capability gets a
// 403; a change to a call that is over is a 400.
import { HttpError, type ApiRequest, type ControlReply, type Json, type SandboxApi } from './apiModule';
import { CallbackSender, type WebhookLogEntry } from './callbacks';
import type { ConversationsApi } from './conversationsApi';
import * as E from './errors';
import type { ErrorReply, InvalidParameter } from './errors';
import { nccoProblem } from './nccoCheck';
import type { NumbersApi } from './numbersApi';
import type { Application } from './types';
import type { VerifiedToken } from './userTokens';
import { CallEngine, type CallEngineHost, type Endpoint, type Hook, LIVE, type SandboxCall, hookOf } from './voiceCalls';
import type { VoiceClock } from './voiceClock';

export interface VoiceHost extends CallEngineHost {
  verifyBearer(token: string, path: string): VerifiedToken;
}

export interface InboundCall {
  applicationId: string;
  /** A Client SDK user (by name) placing a server call; or `from`. */
  fromUser?: string;
  /** A phone number dialling in; or `fromUser`. */
  from?: string;
  /** A number linked to the application (a phone dialling in); anything for a server call. */
  to?: string;
  customData?: Json;
}

const CALLS = '/v1/calls';
const STATUSES = ['started', 'ringing', 'answered', 'machine', 'completed', 'busy', 'cancelled', 'failed', 'rejected', 'timeout', 'unanswered'];
const ACTIONS = ['hangup', 'mute', 'unmute', 'earmuff', 'unearmuff', 'transfer'];
const METHODS = ['GET', 'POST'];

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function voiceError(status: number, slug: string, title: string, detail: string, invalid?: InvalidParameter[]): ErrorReply {
  return { status, body: { type: `https://developer.nexmo.com/api-errors#${slug}`, title, detail, instance: E.instanceId(), ...(invalid ? { invalid_parameters: invalid } : {}) } };
}
const badRequest = (invalid: InvalidParameter[]) => new HttpError(voiceError(400, 'bad-request', 'Bad Request', 'The request failed due to validation errors', invalid));
const notFound = (uuid: string) => new HttpError(voiceError(404, 'not-found', 'Not Found', `Call ${uuid} was not found, or you do not have access`));
const notLive = (call: SandboxCall) => new HttpError(voiceError(400, 'bad-request', 'Bad Request', `The call is ${call.status}: only a call in progress can be changed`));

/** "2020-01-01 12:00:00": the document's form of a call's times (UTC). */
function documentTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');
}

/** An endpoint of a create request, checked as the document's schemas say, or the reason it is not one. */
function endpointProblem(e: unknown): string | undefined {
  if (!isObject(e)) return 'must be an endpoint object';
  const text = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  switch (e.type) {
    case 'phone': return typeof e.number === 'string' && /^\d{7,15}$/.test(e.number) ? undefined : 'a phone endpoint needs number: 7 to 15 digits';
    case 'app': return text(e.user) ? undefined : 'an app endpoint needs user';
    case 'sip': return text(e.uri) ? undefined : 'a sip endpoint needs uri';
    case 'websocket': return text(e.uri) && ['audio/l16;rate=8000', 'audio/l16;rate=16000'].includes(String(e['content-type'])) ? undefined : 'a websocket endpoint needs uri and content-type';
    case 'vbc': return text(e.extension) ? undefined : 'a vbc endpoint needs extension';
    default: return `unknown endpoint type ${JSON.stringify(e.type)}`;
  }
}

function urlList(v: unknown): string | undefined {
  if (!Array.isArray(v) || v.length === 0 || typeof v[0] !== 'string') return undefined;
  try {
    new URL(v[0]);
    return v[0];
  } catch {
    return undefined;
  }
}

function intIn(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

export class VoiceApi implements SandboxApi {
  readonly controlRoutes = [
    'POST /_sandbox/clock', 'POST /_sandbox/calls', 'POST /_sandbox/calls/{uuid}/answer', 'POST /_sandbox/calls/{uuid}/reject',
    'POST /_sandbox/calls/{uuid}/hangup', 'GET /_sandbox/webhooks',
  ];
  private readonly sender = new CallbackSender();
  private readonly engine: CallEngine;

  constructor(private readonly host: VoiceHost, private readonly conversations: ConversationsApi, private readonly numbers: NumbersApi, readonly clock: VoiceClock) {
    this.engine = new CallEngine(host, clock, this.sender, conversations, numbers);
  }

  owns(path: string): boolean {
    return path === CALLS || path.startsWith(`${CALLS}/`);
  }

  handle(req: ApiRequest): void {
    const token = this.authenticate(req);
    const [uuid, sub, ...rest] = req.path.slice(CALLS.length + 1).split('/').filter(Boolean).map(decodeURIComponent);
    if (uuid === undefined) {
      if (req.method === 'POST') return req.send(201, this.create(token.applicationId, this.json(req)));
      if (req.method === 'GET') return req.send(200, this.list(token.applicationId, req.url.searchParams));
      throw new HttpError(E.methodNotAllowed(req.method));
    }
    const call = this.engine.get(uuid);
    if (!call || call.applicationId !== token.applicationId || rest.length > 0) throw notFound(uuid);
    if (sub === undefined) {
      if (req.method === 'GET') return req.send(200, this.view(call));
      if (req.method === 'PUT') { this.update(call, this.json(req)); return req.send(204); }
      throw new HttpError(E.methodNotAllowed(req.method));
    }
    if (['talk', 'stream', 'dtmf'].includes(sub)) return req.send(200, this.media(req, call, sub));
    throw new HttpError(E.routeNotFound(req.method, req.path));
  }

  control(route: string, body: Json): ControlReply | undefined {
    if (route === 'POST /_sandbox/clock') {
      this.advance(body.advanceMs as number);
      return { status: 204 };
    }
    if (route === 'GET /_sandbox/webhooks') return { status: 200, body: this.webhooks() };
    if (route === 'POST /_sandbox/calls') {
      const problem = this.inboundProblem(body as unknown as InboundCall);
      if (problem) return { status: problem.status, body: { reason: problem.reason } };
      return { status: 201, body: this.inbound(body as unknown as InboundCall) };
    }
    const m = /^POST \/_sandbox\/calls\/([^/]+)\/(answer|reject|hangup)$/.exec(route);
    if (!m) return undefined;
    const call = this.engine.get(decodeURIComponent(m[1]));
    if (!call) return { status: 404, body: { reason: `no call ${m[1]} in the sandbox` } };
    const refused = m[2] === 'answer' ? this.engine.answer(call) : m[2] === 'reject' ? this.engine.reject(call) : this.engine.remoteHangUp(call);
    return refused ? { status: 409, body: { reason: refused } } : { status: 204 };
  }

  reset(): void {
    this.engine.reset();
    this.sender.reset();
    this.clock.reset();
  }

  stop(): void {
    this.clock.stop();
    this.sender.stop();
  }

  state(): Json {
    const byApp: Record<string, Json[]> = {};
    for (const c of this.engine.all()) (byApp[c.applicationId] ??= []).push(this.view(c));
    return { calls: byApp, webhooks: this.sender.webhooks().length };
  }

  // ---------- for tests, benches and npm start ----------

  /** The voice clock moves on by `ms`; statuses change as timers fall due. */
  advance(ms: number): void {
    this.clock.advance(ms);
  }

  /** The application's calls, oldest first, as GET /v1/calls/{uuid} shows them. */
  calls(applicationId: string): Json[] {
    return this.engine.calls(applicationId).map((c) => this.view(c));
  }

  call(uuid: string): SandboxCall | undefined {
    return this.engine.get(uuid);
  }

  /** The far end picks up (the call rings first if it had not yet). Throws when it cannot. */
  answer(uuid: string): void {
    this.act(uuid, (c) => this.engine.answer(c));
  }

  reject(uuid: string): void {
    this.act(uuid, (c) => this.engine.reject(c));
  }

  remoteHangUp(uuid: string): void {
    this.act(uuid, (c) => this.engine.remoteHangUp(c));
  }

  /** A call into Vonage (see POST /_sandbox/calls). Throws with the reason when it cannot be placed. */
  inbound(opts: InboundCall): { uuid: string; conversationUuid: string } {
    const problem = this.inboundProblem(opts);
    if (problem) throw new Error(problem.reason);
    const digits = (v: string | undefined) => (v !== undefined && /^\d{7,15}$/.test(v) ? v : undefined);
    const to: Endpoint | undefined = digits(opts.to) ? { type: 'phone', number: opts.to! } : opts.to ? { type: 'app', user: opts.to } : undefined;
    const call = this.engine.place({
      applicationId: opts.applicationId, owner: this.host.ownerOf(opts.applicationId)!, direction: 'inbound', to,
      from: opts.fromUser !== undefined ? { type: 'app', user: opts.fromUser } : { type: 'phone', number: opts.from! },
      fromUser: opts.fromUser, customData: opts.customData,
    });
    return { uuid: call.uuid, conversationUuid: call.conversationUuid };
  }

  /** How to ring a user and simulate an inbound call, for `npm start` and `npm run sandbox`. */
  banner(url: string): string[] {
    return [
      'Calls ring a user whose Client SDK app is logged in (the login above); a signed-out user\'s call fails, as at Vonage.',
      `  the far end: POST ${url}/_sandbox/calls/<uuid>/answer (or /reject, /hangup)`,
      `  a call into Vonage: POST ${url}/_sandbox/calls {"applicationId": "<id>", "fromUser": "<user>" or "from": "<number>", "to": "<number linked to it>"}`,
      '  (the sandbox asks the application\'s answer URL, then its fallback, and runs the NCCO; GET /_sandbox/webhooks lists every callback sent)',
    ];
  }

  /** Every callback sent since the last reset, oldest first. */
  webhooks(): WebhookLogEntry[] {
    return this.sender.webhooks();
  }

  /** Resolves once no answer request or callback is on its way. */
  idle(): Promise<void> {
    return this.engine.idle();
  }

  /** `count` completed calls of the application at once (no conversation, no callback), a minute apart. */
  seed(applicationId: string, count: number): void {
    const owner = this.host.ownerOf(applicationId);
    if (!owner) throw new Error(`no application ${applicationId} in the sandbox`);
    this.engine.seed(applicationId, owner, count);
  }

  // ---------- the API ----------

  private authenticate(req: ApiRequest): VerifiedToken {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m) throw new HttpError(E.invalidToken());
    return this.host.verifyBearer(m[1], req.path);
  }

  private json(req: ApiRequest): Json {
    let body: unknown;
    try {
      body = JSON.parse(req.body) as unknown;
    } catch {
      throw badRequest([{ name: 'body', reason: 'must be valid JSON' }]);
    }
    if (!isObject(body)) throw badRequest([{ name: 'body', reason: 'must be a JSON object' }]);
    return body;
  }

  private create(applicationId: string, b: Json): Json {
    const app = this.host.application(applicationId)!;
    if (!isObject(app.capabilities?.voice)) {
      throw new HttpError(voiceError(403, 'forbidden', 'Forbidden', 'The application has no voice capability: add capabilities.voice to it to place calls'));
    }
    const owner = this.host.ownerOf(applicationId)!;
    const invalid: InvalidParameter[] = [];
    const to = this.checkTo(b.to, invalid);
    const from = this.checkFrom(b, to, applicationId, owner, invalid);
    const hasNcco = b.ncco !== undefined;
    const answerUrl = b.answer_url === undefined ? undefined : urlList(b.answer_url);
    if (hasNcco === (b.answer_url !== undefined)) invalid.push({ name: 'ncco', reason: 'give either ncco or answer_url' });
    if (hasNcco && nccoProblem(b.ncco)) invalid.push({ name: 'ncco', reason: nccoProblem(b.ncco)! });
    if (b.answer_url !== undefined && !answerUrl) invalid.push({ name: 'answer_url', reason: 'must be an array holding a URL' });
    for (const f of ['answer_method', 'event_method']) if (b[f] !== undefined && !METHODS.includes(b[f] as string)) invalid.push({ name: f, reason: 'must be GET or POST' });
    const eventUrl = b.event_url === undefined ? undefined : urlList(b.event_url);
    if (b.event_url !== undefined && !eventUrl) invalid.push({ name: 'event_url', reason: 'must be an array holding a URL' });
    if (b.ringing_timer !== undefined && !intIn(b.ringing_timer, 1, 120)) invalid.push({ name: 'ringing_timer', reason: 'must be an integer from 1 to 120' });
    if (b.length_timer !== undefined && !intIn(b.length_timer, 1, 7200)) invalid.push({ name: 'length_timer', reason: 'must be an integer from 1 to 7200' });
    if (invalid.length) throw badRequest(invalid);
    const hook = (url: string | undefined, method: unknown, dflt: 'GET' | 'POST'): Hook | undefined => (url ? { url, method: method === 'GET' || method === 'POST' ? method : dflt, timeoutMs: 5000 } : undefined);
    const call = this.engine.place({
      applicationId, owner, direction: 'outbound', to: to!, from,
      ncco: hasNcco ? b.ncco as Json[] : undefined,
      answerUrl: hook(answerUrl, b.answer_method, 'GET'),
      eventUrl: hook(eventUrl, b.event_method, 'POST') ?? hookOf(app.capabilities?.voice?.webhooks?.event_url, 'POST'),
      ringingTimerMs: typeof b.ringing_timer === 'number' ? b.ringing_timer * 1000 : undefined,
      lengthTimerMs: typeof b.length_timer === 'number' ? b.length_timer * 1000 : undefined,
    });
    return { uuid: call.uuid, status: call.status, direction: call.direction, conversation_uuid: call.conversationUuid };
  }

  private checkTo(to: unknown, invalid: InvalidParameter[]): Endpoint | undefined {
    if (!Array.isArray(to) || to.length !== 1) {
      invalid.push({ name: 'to', reason: 'must be an array of one endpoint' });
      return undefined;
    }
    const problem = endpointProblem(to[0]);
    if (problem) invalid.push({ name: 'to', reason: problem });
    return problem ? undefined : to[0] as Endpoint;
  }

  /** `from` as the call will show it: given (a number of the account), picked (random_from_number), or none. */
  private checkFrom(b: Json, to: Endpoint | undefined, applicationId: string, owner: string, invalid: InvalidParameter[]): Endpoint | undefined {
    if (b.from !== undefined && b.random_from_number === true) {
      invalid.push({ name: 'random_from_number', reason: 'random_from_number: true cannot be used together with from' });
      return undefined;
    }
    const owned = this.numbers.ownedBy(owner);
    if (b.random_from_number === true) {
      const linked = owned.filter((n) => n.app_id === applicationId);
      if (linked.length === 0) invalid.push({ name: 'random_from_number', reason: 'no number is linked to this application' });
      return linked.length ? { type: 'phone', number: linked[0].msisdn } : undefined;
    }
    if (b.from === undefined) {
      if (to?.type === 'phone') invalid.push({ name: 'from', reason: 'is required for a call to a phone (or set random_from_number)' });
      return undefined;
    }
    const number = isObject(b.from) && b.from.type === 'phone' ? b.from.number : undefined;
    if (typeof number !== 'string' || !/^\d{7,15}$/.test(number)) {
      invalid.push({ name: 'from', reason: 'must be a phone endpoint with a number of 7 to 15 digits' });
      return undefined;
    }
    if (to?.type === 'phone' && !owned.some((n) => n.msisdn === number)) invalid.push({ name: 'from.number', reason: 'is not a number of this account' });
    return { type: 'phone', number };
  }

  private list(applicationId: string, q: URLSearchParams): Json {
    const invalid: InvalidParameter[] = [];
    const int = (name: string, dflt: number, min: number, max: number): number => {
      const raw = q.get(name);
      if (raw === null) return dflt;
      if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) invalid.push({ name, reason: `must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? '' : ` to ${max}`}` });
      return Number(raw);
    };
    const pageSize = int('page_size', 10, 1, 100);
    const recordIndex = int('record_index', 0, 0, Number.MAX_SAFE_INTEGER);
    const order = q.get('order') ?? 'asc';
    if (order !== 'asc' && order !== 'desc') invalid.push({ name: 'order', reason: 'must be asc or desc' });
    const status = q.get('status');
    if (status !== null && !STATUSES.includes(status)) invalid.push({ name: 'status', reason: `must be one of ${STATUSES.join(', ')}` });
    const time = (name: string): number | undefined => {
      const raw = q.get(name);
      if (raw === null) return undefined;
      const ms = Date.parse(raw);
      if (Number.isNaN(ms)) invalid.push({ name, reason: 'must be a date-time, such as 2016-11-14T07:45:14Z' });
      return ms;
    };
    const dateStart = time('date_start');
    const dateEnd = time('date_end');
    const conversation = q.get('conversation_uuid');
    if (invalid.length) throw badRequest(invalid);
    let calls = this.engine.calls(applicationId)
      .filter((c) => status === null || c.status === status)
      .filter((c) => dateStart === undefined || c.startedWall >= dateStart)
      .filter((c) => dateEnd === undefined || c.startedWall <= dateEnd)
      .filter((c) => conversation === null || c.conversationUuid === conversation);
    if (order === 'desc') calls = calls.reverse();
    return {
      count: calls.length, page_size: pageSize, record_index: recordIndex,
      _links: { self: { href: `${CALLS}?page_size=${pageSize}&record_index=${recordIndex}&order=${order}` } },
      _embedded: { calls: calls.slice(recordIndex, recordIndex + pageSize).map((c) => this.view(c)) },
    };
  }

  /** A call as GET /v1/calls/{uuid} returns it: times as "YYYY-MM-DD HH:MM:SS"; duration, price and the rest once completed. */
  private view(c: SandboxCall): Json {
    const completed = c.status === 'completed' && c.endedAt !== undefined;
    const phone = (c.direction === 'outbound' ? c.to : c.from)?.type === 'phone';
    return {
      _links: { self: { href: `${CALLS}/${c.uuid}` } },
      uuid: c.uuid, conversation_uuid: c.conversationUuid,
      ...(c.to ? { to: c.to } : {}), ...(c.from ? { from: c.from } : {}),
      status: c.status, direction: c.direction,
      start_time: documentTime(c.startedWall),
      ...(completed ? {
        end_time: documentTime(this.engine.wallAt(c, c.endedAt!)), duration: String(this.engine.durationSeconds(c) ?? 0),
        rate: c.rate, price: c.price ?? (0).toFixed(8), ...(phone ? { network: '23410' } : {}),
      } : {}),
    };
  }

  private update(call: SandboxCall, b: Json): void {
    if (!ACTIONS.includes(String(b.action))) throw badRequest([{ name: 'action', reason: `must be one of ${ACTIONS.join(', ')}` }]);
    if (!LIVE.includes(call.status)) throw notLive(call);
    switch (b.action) {
      case 'hangup': this.engine.hangUp(call); return;
      case 'mute': case 'unmute': call.muted = b.action === 'mute'; return;
      case 'earmuff': case 'unearmuff': call.earmuffed = b.action === 'earmuff'; return;
      default: {
        const d = isObject(b.destination) ? b.destination : {};
        if (d.type !== 'ncco') throw badRequest([{ name: 'destination.type', reason: 'must be ncco' }]);
        if (call.status !== 'answered') throw new HttpError(voiceError(400, 'bad-request', 'Bad Request', `The call is ${call.status}: only an answered call can be transferred`));
        if (d.ncco !== undefined) {
          const problem = nccoProblem(d.ncco);
          if (problem) throw badRequest([{ name: 'destination.ncco', reason: problem }]);
          this.engine.transfer(call, { ncco: d.ncco as Json[] });
          return;
        }
        const url = urlList(d.url);
        if (!url) throw badRequest([{ name: 'destination', reason: 'needs ncco or url (an array holding a URL)' }]);
        this.engine.transfer(call, { url });
      }
    }
  }

  /** PUT/DELETE /v1/calls/{uuid}/talk|stream, PUT …/dtmf: accepted on a call in progress (the audio is not modelled). */
  private media(req: ApiRequest, call: SandboxCall, what: string): Json {
    const allowed = what === 'dtmf' ? ['PUT'] : ['PUT', 'DELETE'];
    if (!allowed.includes(req.method)) throw new HttpError(E.methodNotAllowed(req.method));
    if (!LIVE.includes(call.status)) throw notLive(call);
    const noun = what === 'dtmf' ? 'DTMF' : what === 'talk' ? 'Talk' : 'Stream';
    if (req.method === 'DELETE') return { message: `${noun} stopped`, uuid: call.uuid };
    const b = this.json(req);
    if (what === 'talk' && (typeof b.text !== 'string' || b.text === '')) throw badRequest([{ name: 'text', reason: 'is required' }]);
    if (what === 'stream' && urlList(b.stream_url) === undefined) throw badRequest([{ name: 'stream_url', reason: 'must be an array holding a URL' }]);
    if (what === 'dtmf' && (typeof b.digits !== 'string' || !/^[0-9*#p]+$/.test(b.digits))) throw badRequest([{ name: 'digits', reason: 'must be digits, *, # or p' }]);
    return { message: what === 'dtmf' ? 'DTMF sent' : `${noun} started`, uuid: call.uuid };
  }

  // ---------- inbound ----------

  private inboundProblem(o: InboundCall): { status: number; reason: string } | undefined {
    const app: Application | undefined = typeof o.applicationId === 'string' ? this.host.application(o.applicationId) : undefined;
    if (!app) return { status: 404, reason: `no application ${String(o.applicationId)} in the sandbox: send {"applicationId": "<id>", "fromUser": "<user>" or "from": "<number>", "to": …}` };
    if (!hookOf(app.capabilities?.voice?.webhooks?.answer_url, 'GET')) {
      return { status: 400, reason: `application ${app.id} has no voice answer URL (capabilities.voice.webhooks.answer_url): set one first (Edit Application)` };
    }
    if ((o.fromUser === undefined) === (o.from === undefined)) return { status: 400, reason: 'say who calls: fromUser (a user of the application) or from (a phone number), one of the two' };
    if (o.customData !== undefined && !isObject(o.customData)) return { status: 400, reason: 'customData must be a JSON object' };
    if (o.to !== undefined && (typeof o.to !== 'string' || o.to === '')) return { status: 400, reason: 'to must be text (a number, or what a server call passes)' };
    if (o.fromUser !== undefined) {
      if (!this.host.appUsers(app.id)?.some((u) => u.name === o.fromUser)) return { status: 400, reason: `there is no user ${String(o.fromUser)} in application ${app.id}` };
      if (!this.conversations.hasSession(app.id, o.fromUser)) return { status: 400, reason: `${o.fromUser} has no session: a Client SDK app logs in first (POST /_sandbox/login {"token": "<a user JWT>"})` };
      return undefined;
    }
    if (typeof o.from !== 'string' || !/^\d{7,15}$/.test(o.from)) return { status: 400, reason: 'from must be a phone number: 7 to 15 digits, such as 447700900123' };
    const linked = this.numbers.ownedBy(this.host.ownerOf(app.id)!).some((n) => n.msisdn === o.to && n.app_id === app.id);
    if (!linked) return { status: 400, reason: `to (${String(o.to)}) must be a number of the account linked to application ${app.id}: a phone dials one of those (link one first)` };
    return undefined;
  }

  private act(uuid: string, fn: (c: SandboxCall) => string | undefined): void {
    const call = this.engine.get(uuid);
    if (!call) throw new Error(`no call ${uuid} in the sandbox`);
    const refused = fn(call);
    if (refused) throw new Error(refused);
  }
}
