// How a call lives in the sandbox, as it does at Vonage: its statuses on the voice clock (started → ringing →
// answered → completed, or timeout / unanswered / failed / rejected / cancelled), its conversation (a member per
// leg, member:invited / member:joined / member:left and leg:status:update events), the NCCO it runs, the legs a
// connect adds, the answer URL it asks (and the fallback one), the voice event callback of every status change
// and the RTC event callback of every conversation event, and what a completed phone call costs.
//
// Kept simple, and said so: a phone leg costs RATE_PER_MINUTE (€0.10) per minute answered, taken from the
// account's balance in the numbers module when it completes; other legs cost nothing. Spoken text takes 50 ms
// a character (at least a second), a stream 5 s, an input 3 s (or its dtmf.timeOut), a wait its timeout (10 s).
import * as crypto from 'crypto';
import type { Json } from './apiModule';
import type { CallbackKind, CallbackSender } from './callbacks';
import type { ConversationsApi, SandboxConversation, SandboxEvent, SandboxMember } from './conversationsApi';
import { nccoProblem } from './nccoCheck';
import type { NumbersApi } from './numbersApi';
import type { Application, Webhook } from './types';
import type { VoiceClock } from './voiceClock';

export type Endpoint = Json & { type: string };
export interface Hook { url: string; method: 'GET' | 'POST'; timeoutMs: number }

export interface SandboxCall {
  readonly uuid: string;
  readonly conversationUuid: string;
  readonly applicationId: string;
  /** The API key of the account the application belongs to. */
  readonly owner: string;
  readonly direction: 'outbound' | 'inbound';
  readonly from?: Endpoint;
  readonly to?: Endpoint;
  status: string;
  readonly seq: number;
  /** On the voice clock; startedWall is the same moment on the wall clock (ms). */
  readonly startedAt: number;
  readonly startedWall: number;
  answeredAt?: number;
  endedAt?: number;
  readonly rate: string;
  price?: string;
  ncco?: Json[];
  /** The next NCCO action to run. */
  pc: number;
  answerUrl?: Hook;
  eventUrl?: Hook;
  ringingTimerMs: number;
  lengthTimerMs: number;
  /** The call whose connect action made this leg. */
  parent?: string;
  /** The leg a connect action waits on. */
  holdingFor?: string;
  muted: boolean;
  earmuffed: boolean;
  member?: SandboxMember;
  /** Bumped on every status change and transfer: a timer set before it does nothing. */
  epoch: number;
  fromUser?: string;
  customData?: Json;
}

/** What a new call is made of. */
export interface NewCall {
  applicationId: string;
  owner: string;
  direction: 'outbound' | 'inbound';
  from?: Endpoint;
  to?: Endpoint;
  ncco?: Json[];
  answerUrl?: Hook;
  eventUrl?: Hook;
  ringingTimerMs?: number;
  lengthTimerMs?: number;
  parent?: SandboxCall;
  fromUser?: string;
  customData?: Json;
}

export interface CallEngineHost {
  /** The sandbox's URL (the region_url of an answer request). */
  readonly url: string;
  application(applicationId: string): Application | undefined;
  appUsers(applicationId: string): { id: string; name: string }[] | undefined;
  /** The API key of the account the application belongs to. */
  ownerOf(applicationId: string): string | undefined;
  signatureSecret(apiKey: string): string;
}

export const LIVE = ['started', 'ringing', 'answered', 'machine'];
export const RING_AFTER_MS = 1000;
export const DEFAULT_RINGING_TIMER_S = 60;
export const DEFAULT_LENGTH_TIMER_S = 7200;
export const RATE_PER_MINUTE = 0.1;
const DEFAULT_SOCKET_TIMEOUT_MS = 5000;
const TALK_MS_PER_CHARACTER = 50;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An endpoint as event and answer callbacks write it: the number, the user name, the URI, the extension. */
export function endpointText(e: Endpoint | undefined): string | undefined {
  if (!e) return undefined;
  const v = e.number ?? e.user ?? e.uri ?? e.extension;
  return typeof v === 'string' ? v : undefined;
}

/** A webhook of the application (`capabilities.voice.webhooks.answer_url`, …) as a hook, when it has an address. */
export function hookOf(w: Webhook | undefined, defaultMethod: 'GET' | 'POST'): Hook | undefined {
  if (!w || typeof w.address !== 'string' || w.address.trim() === '') return undefined;
  const method = w.http_method === 'GET' || w.http_method === 'POST' ? w.http_method : defaultMethod;
  return { url: w.address, method, timeoutMs: typeof w.socket_timeout === 'number' ? w.socket_timeout : DEFAULT_SOCKET_TIMEOUT_MS };
}

export class CallEngine {
  private readonly byUuid = new Map<string, SandboxCall>();
  private seq = 0;
  private readonly pending = new Set<Promise<unknown>>();
  /** Each call's (and each conversation's) callbacks go out one after the other, in order. */
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(
    private readonly host: CallEngineHost,
    private readonly clock: VoiceClock,
    private readonly sender: CallbackSender,
    private readonly conversations: ConversationsApi,
    private readonly numbers: NumbersApi,
  ) {
    conversations.onEvent((applicationId, conv, event) => this.rtcCallback(applicationId, conv, event));
  }

  // ---------- reading ----------

  get(uuid: string): SandboxCall | undefined {
    return this.byUuid.get(uuid);
  }

  /** The application's calls, oldest first. */
  calls(applicationId: string): SandboxCall[] {
    return [...this.byUuid.values()].filter((c) => c.applicationId === applicationId).sort((a, b) => a.seq - b.seq);
  }

  all(): SandboxCall[] {
    return [...this.byUuid.values()];
  }

  /** Resolves once no answer request or callback is on its way (and none started meanwhile). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  reset(): void {
    this.byUuid.clear();
    this.chains.clear();
  }

  // ---------- placing ----------

  /** A new call: started now; an outbound one rings a second later, an inbound one asks the answer URL at once. */
  place(n: NewCall): SandboxCall {
    const conversation = n.parent ? this.conversationOf(n.parent) : this.conversations.callConversation(n.applicationId);
    const farEnd = n.direction === 'outbound' ? n.to : n.from;
    const call: SandboxCall = {
      uuid: crypto.randomUUID(), conversationUuid: conversation!.id, applicationId: n.applicationId, owner: n.owner,
      direction: n.direction, from: n.from, to: n.to, status: 'started', seq: ++this.seq,
      startedAt: this.clock.now(), startedWall: this.clock.wallNow(),
      rate: (farEnd?.type === 'phone' ? RATE_PER_MINUTE : 0).toFixed(8), ncco: n.ncco, pc: 0, answerUrl: n.answerUrl, eventUrl: n.eventUrl,
      ringingTimerMs: n.ringingTimerMs ?? DEFAULT_RINGING_TIMER_S * 1000, lengthTimerMs: n.lengthTimerMs ?? DEFAULT_LENGTH_TIMER_S * 1000,
      parent: n.parent?.uuid, muted: false, earmuffed: false, epoch: 0, fromUser: n.fromUser, customData: n.customData,
    };
    this.byUuid.set(call.uuid, call);
    if (n.direction === 'inbound') {
      call.member = this.conversations.addLeg(conversation!, this.legUser(call, n.from), 'JOINED');
      this.setStatus(call, 'started');
      this.setStatus(call, 'ringing');
      void this.track(this.fetchNcco(call, this.inboundAnswerHook(call), () => this.setStatus(call, 'answered')));
    } else {
      this.setStatus(call, 'started');
      const epoch = call.epoch;
      this.clock.schedule(RING_AFTER_MS, () => { if (call.epoch === epoch) this.ring(call); });
    }
    return call;
  }

  /** A few completed calls, at once and quietly (no conversation, no callback): for benchmarks and paging tests. */
  seed(applicationId: string, owner: string, count: number): SandboxCall[] {
    if (!Number.isInteger(count) || count < 1 || count > 100_000) throw new Error(`count must be 1..100000, got ${String(count)}`);
    const now = this.clock.now();
    const wall = this.clock.wallNow();
    return Array.from({ length: count }, (_, i) => {
      const ago = (count - i) * 60_000;
      const phone = i % 2 === 0;
      const to: Endpoint = phone ? { type: 'phone', number: String(447700900000 + (i % 1000)) } : { type: 'app', user: `user-${i % 50}` };
      const call: SandboxCall = {
        uuid: crypto.randomUUID(), conversationUuid: `CON-${crypto.randomUUID()}`, applicationId, owner, direction: 'outbound',
        from: { type: 'phone', number: '447700900999' }, to, status: 'completed', seq: ++this.seq,
        startedAt: now - ago, startedWall: wall - ago, answeredAt: now - ago + 5000, endedAt: now - ago + 35_000,
        rate: (phone ? RATE_PER_MINUTE : 0).toFixed(8), price: (phone ? RATE_PER_MINUTE / 2 : 0).toFixed(8), pc: 0,
        ringingTimerMs: 60_000, lengthTimerMs: 7_200_000, muted: false, earmuffed: false, epoch: 0,
      };
      this.byUuid.set(call.uuid, call);
      return call;
    });
  }

  // ---------- what the far end does (control routes) and what the API asks ----------

  /** The far end picks up. Undefined when done; else why not. */
  answer(call: SandboxCall): string | undefined {
    if (call.status === 'started') this.ring(call);
    if (call.status !== 'ringing') return `the call is ${call.status}, not ringing: only a ringing call can be answered`;
    this.setStatus(call, 'answered');
    if (call.ncco === undefined && call.answerUrl) void this.track(this.fetchNcco(call, call.answerUrl, () => undefined));
    else this.step(call);
    return undefined;
  }

  /** The far end declines. */
  reject(call: SandboxCall): string | undefined {
    if (call.status === 'started') this.ring(call);
    if (call.status !== 'ringing') return `the call is ${call.status}, not ringing: only a ringing call can be rejected`;
    this.end(call, 'rejected');
    return undefined;
  }

  /** The far end hangs up: an answered call completes, a ringing one is rejected. */
  remoteHangUp(call: SandboxCall): string | undefined {
    if (!LIVE.includes(call.status)) return `the call is already over (${call.status})`;
    this.end(call, call.status === 'answered' || call.status === 'machine' ? 'completed' : 'rejected');
    return undefined;
  }

  /** PUT {action: hangup}: an answered call completes, one not answered yet is cancelled. */
  hangUp(call: SandboxCall): void {
    this.end(call, call.status === 'answered' || call.status === 'machine' ? 'completed' : 'cancelled');
  }

  /** PUT {action: transfer}: the call runs another NCCO, given or asked from a URL. */
  transfer(call: SandboxCall, to: { ncco: Json[] } | { url: string }): void {
    call.epoch++;
    call.holdingFor = undefined;
    if ('ncco' in to) {
      call.ncco = to.ncco;
      call.pc = 0;
      this.step(call);
    } else {
      call.ncco = undefined;
      void this.track(this.fetchNcco(call, { url: to.url, method: 'GET', timeoutMs: DEFAULT_SOCKET_TIMEOUT_MS }, () => undefined));
    }
  }

  // ---------- statuses ----------

  private ring(call: SandboxCall): void {
    if (call.status !== 'started') return;
    const to = call.to;
    if (to?.type === 'app') {
      const user = typeof to.user === 'string' ? to.user : '';
      const exists = this.host.appUsers(call.applicationId)?.some((u) => u.name === user) ?? false;
      // An app endpoint rings only a user whose Client SDK app is logged in (a session); otherwise it fails.
      if (!exists || !this.conversations.hasSession(call.applicationId, user)) { this.end(call, 'failed'); return; }
    }
    if (to?.type === 'websocket') { // a WebSocket is connected at once
      this.setStatus(call, 'ringing');
      this.answer(call);
      return;
    }
    this.setStatus(call, 'ringing');
    const epoch = call.epoch;
    this.clock.schedule(call.ringingTimerMs, () => {
      if (call.epoch === epoch && call.status === 'ringing') this.end(call, to?.type === 'phone' ? 'unanswered' : 'timeout');
    });
  }

  private setStatus(call: SandboxCall, status: string): void {
    call.status = status;
    call.epoch++;
    const conv = this.conversationOf(call);
    if (conv) {
      if (status === 'ringing' && call.direction === 'outbound' && !call.member) call.member = this.conversations.addLeg(conv, this.legUser(call, call.to), 'INVITED');
      if (status === 'answered' && call.member) this.conversations.setLegState(conv, call.member, 'JOINED');
      if (!LIVE.includes(status) && call.member) this.conversations.setLegState(conv, call.member, 'LEFT');
      this.conversations.callEvent(conv, 'leg:status:update', call.member?.id, { leg_id: call.uuid, type: this.legType(call), status });
    }
    if (status === 'answered') {
      call.answeredAt = this.clock.now();
      const answeredAt = call.answeredAt;
      this.clock.schedule(call.lengthTimerMs, () => { if (call.status === 'answered' && call.answeredAt === answeredAt) this.end(call, 'completed'); });
    }
    this.eventCallback(call);
  }

  /** The call ends with `status`: its cost, its connected legs, and the NCCO of the call that connected it. */
  private end(call: SandboxCall, status: string): void {
    if (!LIVE.includes(call.status)) return;
    call.endedAt = this.clock.now();
    if (call.answeredAt !== undefined) {
      const minutes = this.durationSeconds(call)! / 60;
      const price = Number(call.rate) * minutes;
      call.price = price.toFixed(8);
      if (price > 0) this.numbers.charge(call.owner, Number(call.price));
    }
    this.setStatus(call, status);
    for (const leg of this.byUuid.values()) if (leg.parent === call.uuid) this.hangUp(leg);
    const parent = call.parent ? this.byUuid.get(call.parent) : undefined;
    if (parent && parent.holdingFor === call.uuid && LIVE.includes(parent.status)) {
      parent.holdingFor = undefined;
      this.step(parent);
    }
  }

  durationSeconds(call: SandboxCall): number | undefined {
    return call.answeredAt === undefined || call.endedAt === undefined ? undefined : Math.round((call.endedAt - call.answeredAt) / 1000);
  }

  // ---------- the NCCO ----------

  /** Runs the NCCO from where it stands until an action takes time or holds the call; its end completes the call. */
  private step(call: SandboxCall): void {
    const ncco = call.ncco;
    if (ncco === undefined) return; // a connected leg, or an NCCO still being asked for: the call stays up
    while (call.status === 'answered' && call.pc < ncco.length) {
      const action = ncco[call.pc++];
      const waitMs = this.runAction(call, action);
      if (waitMs === 'hold') return;
      if (waitMs > 0) {
        const epoch = call.epoch;
        this.clock.schedule(waitMs, () => { if (call.epoch === epoch) this.step(call); });
        return;
      }
    }
    if (call.status === 'answered') this.end(call, 'completed');
  }

  /** Does one action: how long it takes (ms), or 'hold' when it keeps the call up (a conversation, a connect). */
  private runAction(call: SandboxCall, a: Json): number | 'hold' {
    const loops = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 1);
    switch (a.action) {
      case 'talk': {
        const n = loops(a.loop);
        return n === 0 ? 'hold' : n * Math.max(1000, String(a.text).length * TALK_MS_PER_CHARACTER);
      }
      case 'stream': {
        const n = loops(a.loop);
        return n === 0 ? 'hold' : n * 5000;
      }
      case 'input': {
        const dtmf = isObject(a.dtmf) ? a.dtmf : {};
        return (typeof dtmf.timeOut === 'number' ? dtmf.timeOut : 3) * 1000;
      }
      case 'wait': return (typeof a.timeout === 'number' ? a.timeout : 10) * 1000;
      case 'notify': {
        const url = Array.isArray(a.eventUrl) ? String(a.eventUrl[0]) : '';
        const method = a.eventMethod === 'GET' ? 'GET' : 'POST';
        void this.callback(call.uuid, 'event', call, { url, method, timeoutMs: DEFAULT_SOCKET_TIMEOUT_MS }, isObject(a.payload) ? a.payload : {}, this.voiceSigning(call));
        return 0;
      }
      case 'connect': {
        const endpoint = (a.endpoint as Endpoint[])[0];
        const eventUrl = Array.isArray(a.eventUrl) ? { url: String(a.eventUrl[0]), method: a.eventMethod === 'GET' ? 'GET' as const : 'POST' as const, timeoutMs: DEFAULT_SOCKET_TIMEOUT_MS } : call.eventUrl;
        const leg = this.place({
          applicationId: call.applicationId, owner: call.owner, direction: 'outbound', parent: call,
          from: typeof a.from === 'string' ? { type: 'phone', number: a.from } : call.direction === 'inbound' ? call.from : call.to,
          to: endpoint, eventUrl, ringingTimerMs: (typeof a.timeout === 'number' ? a.timeout : DEFAULT_RINGING_TIMER_S) * 1000,
        });
        call.holdingFor = leg.uuid;
        return 'hold';
      }
      case 'conversation':
      case 'transfer':
        return 'hold';
      default: // record: it records alongside what follows
        return 0;
    }
  }

  /** Asks the answer URL (then the fallback answer URL) for the NCCO; a call without a valid one fails. */
  private async fetchNcco(call: SandboxCall, primary: Hook | undefined, onNcco: () => void): Promise<void> {
    const payload = this.answerPayload(call);
    const fallback = hookOf(this.host.application(call.applicationId)?.capabilities?.voice?.webhooks?.fallback_answer_url as Webhook | undefined, 'GET');
    let ncco: unknown;
    let got = false;
    for (const [kind, hook] of [['answer', primary], ['fallback', fallback]] as const) {
      if (!hook || got) continue;
      const answer = await this.callback(call.uuid, kind, call, hook, payload, this.voiceSigning(call), false);
      if (answer.status < 200 || answer.status > 299) continue;
      try {
        ncco = JSON.parse(answer.body) as unknown;
        got = true;
      } catch {
        // not JSON: as no answer (the fallback is asked)
      }
    }
    if (!LIVE.includes(call.status)) return; // hung up meanwhile
    if (!got || nccoProblem(ncco) !== undefined) { this.end(call, 'failed'); return; }
    call.ncco = ncco as Json[];
    call.pc = 0;
    onNcco();
    this.step(call);
  }

  private inboundAnswerHook(call: SandboxCall): Hook | undefined {
    return hookOf(this.host.application(call.applicationId)?.capabilities?.voice?.webhooks?.answer_url, 'GET');
  }

  /** What an answer request carries (the Voice API webhook reference's answer webhook). */
  private answerPayload(call: SandboxCall): Json {
    return {
      to: endpointText(call.to) ?? '',
      ...(call.fromUser !== undefined ? { from_user: call.fromUser } : { from: endpointText(call.from) ?? '' }),
      uuid: call.uuid,
      conversation_uuid: call.conversationUuid,
      region_url: this.host.url,
      ...(call.customData !== undefined ? { custom_data: call.customData } : {}),
    };
  }

  // ---------- callbacks ----------

  private eventCallback(call: SandboxCall): void {
    const hook = call.eventUrl ?? hookOf(this.host.application(call.applicationId)?.capabilities?.voice?.webhooks?.event_url, 'POST');
    if (!hook) return;
    const payload: Json = {
      from: endpointText(call.from), to: endpointText(call.to), uuid: call.uuid, conversation_uuid: call.conversationUuid,
      status: call.status, direction: call.direction, timestamp: new Date(this.clock.wallNow()).toISOString(),
    };
    if (call.status === 'completed') {
      Object.assign(payload, {
        start_time: new Date(this.wallAt(call, call.startedAt)).toISOString(), end_time: new Date(this.wallAt(call, call.endedAt!)).toISOString(),
        duration: String(this.durationSeconds(call) ?? 0), rate: call.rate, price: call.price ?? (0).toFixed(8),
        ...(this.legType(call) === 'phone' ? { network: '23410' } : {}),
      });
    }
    void this.callback(call.uuid, 'event', call, hook, payload, this.voiceSigning(call));
  }

  private rtcCallback(applicationId: string, conv: SandboxConversation, event: SandboxEvent): void {
    const app = this.host.application(applicationId);
    const hook = hookOf(app?.capabilities?.rtc?.webhooks?.event_url, 'POST');
    if (!hook || !app) return;
    const payload: Json = {
      id: Number(event.id), type: event.type, ...(event.from ? { from: event.from } : {}), body: event.body,
      timestamp: event.timestamp, conversation_id: conv.id, application_id: applicationId,
    };
    const owner = this.host.ownerOf(applicationId);
    const signing = app.capabilities?.rtc?.signed_callbacks === true && owner ? { secret: this.host.signatureSecret(owner), apiKey: owner } : undefined;
    const leg = typeof event.body.leg_id === 'string' ? event.body.leg_id : undefined;
    void this.chain(conv.id, () => this.sender.send({ kind: 'rtc', applicationId, callUuid: leg, url: hook.url, method: hook.method, payload, signing, timeoutMs: hook.timeoutMs, time: event.timestamp }));
  }

  /** Sends one callback of the call, after the ones before it (an answer request waits for nothing). */
  private callback(key: string, kind: CallbackKind, call: SandboxCall, hook: Hook, payload: Json, signing: { secret: string; apiKey: string } | undefined, ordered = true) {
    const send = () => this.sender.send({
      kind, applicationId: call.applicationId, callUuid: call.uuid, url: hook.url, method: hook.method, payload, signing, timeoutMs: hook.timeoutMs,
      time: new Date(this.clock.wallNow()).toISOString(),
    });
    return ordered ? this.chain(key, send) : this.track(send());
  }

  private chain<T>(key: string, send: () => Promise<T>): Promise<T> {
    const next = (this.chains.get(key) ?? Promise.resolve()).then(send, send);
    this.chains.set(key, next);
    return this.track(next);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
    return p;
  }

  private voiceSigning(call: SandboxCall): { secret: string; apiKey: string } | undefined {
    return this.host.application(call.applicationId)?.capabilities?.voice?.signed_callbacks === true
      ? { secret: this.host.signatureSecret(call.owner), apiKey: call.owner } : undefined;
  }

  // ---------- plumbing ----------

  private conversationOf(call: SandboxCall): SandboxConversation | undefined {
    return this.conversations.conversation(call.applicationId, call.conversationUuid);
  }

  /** The member a leg's far end is: an app user as they are, anything else as a user named after its address. */
  private legUser(call: SandboxCall, e: Endpoint | undefined): { userId: string; userName: string; channel: string } {
    const name = endpointText(e) ?? 'unknown';
    const user = e?.type === 'app' ? this.host.appUsers(call.applicationId)?.find((u) => u.name === name) : undefined;
    return { userId: user?.id ?? `USR-${crypto.randomUUID()}`, userName: name, channel: e?.type ?? 'phone' };
  }

  private legType(call: SandboxCall): string {
    return (call.direction === 'outbound' ? call.to : call.from)?.type ?? 'phone';
  }

  /** The wall time of a moment of the call's life on the voice clock. */
  wallAt(call: SandboxCall, at: number): number {
    return call.startedWall + (at - call.startedAt);
  }
}
