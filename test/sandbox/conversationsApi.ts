// The Conversation API in the sandbox (../shared/vonage-api/rooted/conversations.v1-prefixed-from-v0.3.yml):
// conversations (name unique per application), members (state changes emit member:joined / member:invited /
// member:left events), events (a text event from a joined member), a user's conversations and sessions,
// legs. Auth: the admin JWT or a user JWT whose ACL allows the path (see userTokens.ts), 401/403 with the
// reason otherwise. Answers follow the document: member states upper-case, no channel.from/to in member
// answers (the document's own example fails its schema there), event ids progressive integers as text.
// `POST /_sandbox/login {token}` stands in for a Client SDK login: it opens a session for the token's user.
// The Voice API module (voiceApi.ts) makes every call a conversation through callConversation/addLeg/setLegState;
// onEvent() hears every event (the RTC event callbacks); the host's nowIso() dates them on the voice clock.
import * as crypto from 'crypto';
import { HttpError, type ApiRequest, type ControlReply, type Json, type SandboxApi } from './apiModule';
import * as E from './errors';
import type { ErrorReply } from './errors';
import type { VerifiedToken } from './userTokens';

/** What the module needs of the sandbox: token checks and the applications' users. */
export interface ConversationsHost {
  verifyBearer(token: string, path: string): VerifiedToken;
  /** undefined when the sandbox has no such application. */
  appUsers(applicationId: string): { id: string; name: string; display_name?: string }[] | undefined;
  /** The time events and members are dated with (the voice clock's wall time), ISO 8601. */
  nowIso(): string;
}

/** Hears every event added to a conversation (not seeded ones). */
export type ConversationEventListener = (applicationId: string, conversation: SandboxConversation, event: SandboxEvent) => void;

export interface SandboxMember {
  id: string; userId: string; userName: string; state: 'INVITED' | 'JOINED' | 'LEFT'; timestamp: Record<string, string>;
  /** The channel of a call's leg ('app', 'phone', …); a member added through the API is 'app'. */
  channel?: string;
}
export interface SandboxEvent { id: string; type: string; from?: string; body: Json; timestamp: string }
export interface SandboxConversation {
  id: string;
  applicationId: string;
  name: string;
  display_name?: string;
  image_url?: string;
  created: string;
  members: Map<string, SandboxMember>;
  events: SandboxEvent[];
  seq: number;
}
export interface SandboxSession { id: string; userId: string; userName: string; created: string }

interface AppState { applicationId: string; conversations: Map<string, SandboxConversation>; sessions: SandboxSession[] }

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 10;
const MAX_NAME = 100;

const notFound = () => new HttpError(E.conversationError(404, 'conversation:error:not-found', 'Not found.', 'Conversation does not exist, or you do not have access.'));
const memberNotFound = () => new HttpError(E.conversationError(404, 'conversation:error:member-not-found', 'Not found.', 'Member does not exist, or you do not have access.'));
const eventNotFound = () => new HttpError(E.conversationError(404, 'conversation:error:event-not-found', 'Not found.', 'Event does not exist, or you do not have access.'));
const invalid = (name: string, reason: string) => new HttpError(E.conversationError(400, 'http:error:validation-fail', 'Bad request.', 'Input validation failure.', { invalid_parameters: [{ name, reason }] }));

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export class ConversationsApi implements SandboxApi {
  readonly controlRoutes = ['POST /_sandbox/login', 'POST /_sandbox/conversations/seed', 'POST /_sandbox/conversations/events/seed'];
  private readonly apps = new Map<string, AppState>();
  private seq = 0;
  private readonly listeners: ConversationEventListener[] = [];

  constructor(private readonly host: ConversationsHost) {}

  owns(path: string): boolean {
    return path === '/v1/conversations' || path.startsWith('/v1/conversations/') || path === '/v1/legs'
      || /^\/v1\/users\/[^/]+\/(conversations|sessions)$/.test(path);
  }

  faultReply(status: number): ErrorReply | undefined {
    if (status === 409) return E.conversationError(409, 'system:error:conflict', 'Conflict.', 'Another request changed this resource at the same time (injected by the sandbox).');
    return status >= 500 ? E.userServerError(status) : undefined;
  }

  handle(req: ApiRequest): void {
    const token = this.authenticate(req);
    const app = this.appState(token.applicationId);
    const parts = req.path.split('/').filter(Boolean).map(decodeURIComponent); // v1, conversations, id, …
    if (parts[1] === 'legs') return this.onlyGet(req, () => req.send(200, this.page(req, [], 'legs', () => ({}))));
    if (parts[1] === 'users') return this.userRoute(req, token.applicationId, app, parts[2], parts[3]);
    if (parts.length === 2) {
      if (req.method === 'GET') return req.send(200, this.page(req, this.ordered(app), 'conversations', (c) => this.conversationLite(req, c)));
      if (req.method === 'POST') return req.send(201, this.conversationView(req, this.create(app, this.json(req))));
      throw new HttpError(E.methodNotAllowed(req.method));
    }
    const conv = app.conversations.get(parts[2]);
    if (!conv) throw notFound();
    if (parts.length === 3) return this.conversationRoute(req, app, conv);
    if (parts[3] === 'members') return this.memberRoute(req, token, conv, parts[4]);
    if (parts[3] === 'events') return this.eventRoute(req, conv, parts[4]);
    throw new HttpError(E.routeNotFound(req.method, req.path));
  }

  control(route: string, body: Json): ControlReply | undefined {
    if (route === 'POST /_sandbox/login') return this.login(body.token);
    if (route === 'POST /_sandbox/conversations/seed') {
      const made = this.seed(String(body.applicationId), Number(body.count), typeof body.prefix === 'string' ? body.prefix : undefined);
      return { status: 201, body: { conversations: made.map((c) => c.id) } };
    }
    if (route === 'POST /_sandbox/conversations/events/seed') {
      this.seedEvents(String(body.applicationId), String(body.conversationId), Number(body.count));
      return { status: 201 };
    }
    return undefined;
  }

  reset(): void {
    this.apps.clear();
  }

  state(): Json {
    return {
      conversations: Object.fromEntries([...this.apps].map(([appId, a]) => [appId, [...a.conversations.values()].map((c) => ({
        id: c.id, name: c.name, display_name: c.display_name, members: [...c.members.values()], events: c.events.length,
      }))])),
      sessions: Object.fromEntries([...this.apps].map(([appId, a]) => [appId, a.sessions])),
    };
  }

  // ---------- for tests, benches and npm start ----------

  /** The application's conversations, in creation order. */
  list(applicationId: string): SandboxConversation[] {
    return this.ordered(this.appState(applicationId));
  }

  members(applicationId: string, conversationId: string): SandboxMember[] {
    return [...(this.appState(applicationId).conversations.get(conversationId)?.members.values() ?? [])];
  }

  events(applicationId: string, conversationId: string): SandboxEvent[] {
    return [...(this.appState(applicationId).conversations.get(conversationId)?.events ?? [])];
  }

  sessions(applicationId: string, userId?: string): SandboxSession[] {
    return this.appState(applicationId).sessions.filter((s) => userId === undefined || s.userId === userId);
  }

  /** Adds `count` conversations named `<prefix>-<n>`. */
  seed(applicationId: string, count: number, prefix = 'conversation'): SandboxConversation[] {
    if (!Number.isInteger(count) || count < 1 || count > 100_000) throw new Error(`count must be 1..100000, got ${String(count)}`);
    const app = this.appState(applicationId);
    const start = app.conversations.size;
    return Array.from({ length: count }, (_, i) => this.create(app, { name: `${prefix}-${start + i + 1}` }));
  }

  /** Adds `count` text events (from nobody in particular) to a conversation. */
  seedEvents(applicationId: string, conversationId: string, count: number): void {
    const conv = this.appState(applicationId).conversations.get(conversationId);
    if (!conv) throw new Error(`no conversation ${conversationId} in application ${applicationId}`);
    if (!Number.isInteger(count) || count < 1 || count > 1_000_000) throw new Error(`count must be 1..1000000, got ${String(count)}`);
    for (let i = 0; i < count; i++) this.addEvent(conv, 'text', undefined, { text: `seeded message ${conv.events.length + 1}` }, false);
  }

  /** Hears every event from now on (the RTC event callbacks). */
  onEvent(listener: ConversationEventListener): void {
    this.listeners.push(listener);
  }

  /** A new conversation for a call, named as Vonage names one it makes itself (NAM-…). */
  callConversation(applicationId: string): SandboxConversation {
    return this.create(this.appState(applicationId), {});
  }

  /** A call's leg joins (or is invited to) its conversation: a member on `channel`, for an app user or a number. */
  addLeg(conversation: SandboxConversation, leg: { userId: string; userName: string; channel: string }, state: 'INVITED' | 'JOINED'): SandboxMember {
    const member: SandboxMember = { id: `MEM-${crypto.randomUUID()}`, ...leg, state, timestamp: {} };
    conversation.members.set(member.id, member);
    this.setState(conversation, member, state);
    return member;
  }

  setLegState(conversation: SandboxConversation, member: SandboxMember, state: 'JOINED' | 'LEFT'): void {
    if (member.state !== state && member.state !== 'LEFT') this.setState(conversation, member, state);
  }

  /** An event of a call (leg:status:update, …) in its conversation. */
  callEvent(conversation: SandboxConversation, type: string, from: string | undefined, body: Json): void {
    this.addEvent(conversation, type, from, body);
  }

  /** Whether the user (by name) has a session open, as a Client SDK app that is logged in has. */
  hasSession(applicationId: string, userName: string): boolean {
    return this.appState(applicationId).sessions.some((s) => s.userName === userName);
  }

  /** The conversation, or undefined. */
  conversation(applicationId: string, conversationId: string): SandboxConversation | undefined {
    return this.appState(applicationId).conversations.get(conversationId);
  }

  /** Opens a session for the user, as a Client SDK login does. */
  openSession(applicationId: string, userId: string): SandboxSession {
    const user = this.host.appUsers(applicationId)?.find((u) => u.id === userId);
    if (!user) throw new Error(`no user ${userId} in application ${applicationId}`);
    const session = { id: `SES-${crypto.randomUUID()}`, userId, userName: user.name, created: this.host.nowIso() };
    this.appState(applicationId).sessions.push(session);
    return session;
  }

  // ---------- auth ----------

  private authenticate(req: ApiRequest): VerifiedToken {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!m) throw new HttpError(E.invalidToken());
    return this.host.verifyBearer(m[1], req.path);
  }

  /** A Client SDK login: the token checked as the API checks it, then a session for its user. */
  private login(token: unknown): ControlReply {
    if (typeof token !== 'string' || token === '') return { status: 400, body: { reason: 'send {"token": "<a user JWT>"}' } };
    let verified: VerifiedToken;
    try {
      verified = this.host.verifyBearer(token, '/v1/sessions/login'); // the Client SDK's ACL allows /*/sessions/**
    } catch (e) {
      return { status: 401, body: { reason: e instanceof HttpError ? String(e.reply.body.detail) : 'invalid token' } };
    }
    if (verified.sub === undefined) return { status: 401, body: { reason: 'a login needs a user token (one with sub)' } };
    const user = this.host.appUsers(verified.applicationId)?.find((u) => u.name === verified.sub);
    if (!user) return { status: 401, body: { reason: `user ${verified.sub} does not exist in application ${verified.applicationId}` } };
    const session = this.openSession(verified.applicationId, user.id);
    return { status: 201, body: { id: session.id, user_id: user.id } };
  }

  // ---------- conversations ----------

  private appState(applicationId: string): AppState {
    let app = this.apps.get(applicationId);
    if (!app) this.apps.set(applicationId, app = { applicationId, conversations: new Map(), sessions: [] });
    return app;
  }

  private ordered(app: AppState): SandboxConversation[] {
    return [...app.conversations.values()].sort((a, b) => a.seq - b.seq);
  }

  private json(req: ApiRequest): Json {
    let body: unknown;
    try {
      body = req.body.trim() === '' ? {} : JSON.parse(req.body);
    } catch {
      throw invalid('body', 'the body is not JSON');
    }
    if (!isObject(body)) throw invalid('body', 'the body must be a JSON object');
    return body;
  }

  private create(app: AppState, body: Json): SandboxConversation {
    const name = body.name === undefined ? `NAM-${crypto.randomUUID()}` : body.name;
    if (typeof name !== 'string' || name === '' || name.length > MAX_NAME) throw invalid('name', `"name" must be text of 1 to ${MAX_NAME} characters`);
    if (body.display_name !== undefined && typeof body.display_name !== 'string') throw invalid('display_name', '"display_name" must be text');
    if ([...app.conversations.values()].some((c) => c.name === name)) {
      throw new HttpError(E.conversationError(409, 'conversation:error:duplicate-name', 'Conflict.', 'The request failed because the conversation name already exists. Please provide a unique conversation name and try again.'));
    }
    const conv: SandboxConversation = {
      id: `CON-${crypto.randomUUID()}`, applicationId: app.applicationId, name, created: this.host.nowIso(), members: new Map(), events: [], seq: ++this.seq,
      ...(typeof body.display_name === 'string' ? { display_name: body.display_name } : {}),
      ...(typeof body.image_url === 'string' ? { image_url: body.image_url } : {}),
    };
    app.conversations.set(conv.id, conv);
    return conv;
  }

  private conversationRoute(req: ApiRequest, app: AppState, conv: SandboxConversation): void {
    if (req.method === 'GET') return req.send(200, this.conversationView(req, conv));
    if (req.method === 'DELETE') {
      app.conversations.delete(conv.id);
      return req.send(204);
    }
    if (req.method === 'PUT') {
      const body = this.json(req);
      if (body.name !== undefined && body.name !== conv.name) {
        if (typeof body.name !== 'string' || body.name === '' || body.name.length > MAX_NAME) throw invalid('name', `"name" must be text of 1 to ${MAX_NAME} characters`);
        conv.name = body.name;
      }
      if (typeof body.display_name === 'string') conv.display_name = body.display_name;
      return req.send(200, this.conversationView(req, conv));
    }
    throw new HttpError(E.methodNotAllowed(req.method));
  }

  private href(req: ApiRequest, path: string): string {
    return `${req.baseUrl()}${path}`;
  }

  /**
   * A link the document types `format: url` (member and event hrefs): its validator refuses loopback IP
   * addresses, so the host is named `sandbox.localhost` (loopback by RFC 6761), with the same port.
   */
  private urlHref(req: ApiRequest, path: string): string {
    const base = new URL(req.baseUrl());
    return `${base.protocol}//sandbox.localhost${base.port ? `:${base.port}` : ''}${path}`;
  }

  private conversationLite(req: ApiRequest, c: SandboxConversation): Json {
    return {
      id: c.id, name: c.name,
      ...(c.display_name !== undefined ? { display_name: c.display_name } : {}),
      ...(c.image_url !== undefined ? { image_url: c.image_url } : {}),
      timestamp: { created: c.created },
      _links: { self: { href: this.href(req, `/v1/conversations/${c.id}`) } },
    };
  }

  private conversationView(req: ApiRequest, c: SandboxConversation): Json {
    return { ...this.conversationLite(req, c), state: 'ACTIVE', sequence_number: c.events.length, properties: { ttl: 0 } };
  }

  // ---------- members ----------

  private memberRoute(req: ApiRequest, token: VerifiedToken, conv: SandboxConversation, memberId: string | undefined): void {
    if (memberId === undefined) {
      if (req.method === 'GET') return req.send(200, this.page(req, [...conv.members.values()], 'members', (m) => this.memberLite(req, conv, m)));
      if (req.method === 'POST') return req.send(201, this.memberView(req, conv, this.addMember(token.applicationId, conv, this.json(req))));
      throw new HttpError(E.methodNotAllowed(req.method));
    }
    const member = conv.members.get(memberId);
    if (!member) throw memberNotFound();
    if (req.method === 'GET') return req.send(200, this.memberView(req, conv, member));
    if (req.method === 'PATCH') {
      const body = this.json(req);
      if (body.state !== 'left') throw invalid('state', '"state" must be "left"');
      if (member.state === 'LEFT') throw new HttpError(E.conversationError(409, 'conversation:error:invalid-member-state', 'Conflict.', 'The conversation membership has already ended.'));
      this.setState(conv, member, 'LEFT');
      return req.send(200, this.memberView(req, conv, member));
    }
    throw new HttpError(E.methodNotAllowed(req.method));
  }

  private addMember(applicationId: string, conv: SandboxConversation, body: Json): SandboxMember {
    const state = body.state === 'joined' ? 'JOINED' : body.state === 'invited' ? 'INVITED' : undefined;
    if (!state) throw invalid('state', '"state" must be one of [invited, joined]');
    const channel = body.channel;
    if (channel !== undefined && !(isObject(channel) && channel.type === 'app')) throw invalid('channel', 'the sandbox knows only the "app" channel');
    const ref = isObject(body.user) ? body.user : {};
    if (typeof ref.id !== 'string' && typeof ref.name !== 'string') throw invalid('user', '"user" must have an id or a name');
    const user = this.host.appUsers(applicationId)?.find((u) => (typeof ref.id === 'string' ? u.id === ref.id : u.name === ref.name));
    if (!user) throw new HttpError(E.userNotFound());
    const current = [...conv.members.values()].find((m) => m.userId === user.id && m.state !== 'LEFT');
    if (current?.state === 'JOINED') {
      throw new HttpError(E.conversationError(400, 'conversation:error:member-already-joined', 'Bad request.', "The request failed due to the user already having a member joined in 'app' type. Please provide a valid user and try again."));
    }
    if (current) { // invited, now joined (or invited again: unchanged)
      if (state === 'JOINED') this.setState(conv, current, 'JOINED');
      return current;
    }
    const member: SandboxMember = { id: `MEM-${crypto.randomUUID()}`, userId: user.id, userName: user.name, state, timestamp: {} };
    conv.members.set(member.id, member);
    this.setState(conv, member, state);
    return member;
  }

  private setState(conv: SandboxConversation, member: SandboxMember, state: SandboxMember['state']): void {
    member.state = state;
    member.timestamp[state.toLowerCase()] = this.host.nowIso();
    const channel = member.channel ? { channel: { type: member.channel } } : {};
    this.addEvent(conv, `member:${state.toLowerCase()}`, member.id, { user: { id: member.userId, name: member.userName }, ...channel });
  }

  private userLite(req: ApiRequest, m: SandboxMember): Json {
    return { id: m.userId, name: m.userName, _links: { self: { href: this.href(req, `/v1/users/${m.userId}`) } } };
  }

  private memberLite(req: ApiRequest, conv: SandboxConversation, m: SandboxMember): Json {
    return { id: m.id, state: m.state, _embedded: { user: this.userLite(req, m) }, _links: { href: this.urlHref(req, `/v1/conversations/${conv.id}/members/${m.id}`) } };
  }

  private memberView(req: ApiRequest, conv: SandboxConversation, m: SandboxMember): Json {
    return {
      id: m.id, conversation_id: conv.id, state: m.state, timestamp: { ...m.timestamp },
      _embedded: { user: this.userLite(req, m) },
      channel: { type: m.channel ?? 'app' },
      _links: { href: this.urlHref(req, `/v1/conversations/${conv.id}/members/${m.id}`) },
    };
  }

  // ---------- events ----------

  private addEvent(conv: SandboxConversation, type: string, from: string | undefined, body: Json, heard = true): SandboxEvent {
    const event: SandboxEvent = { id: String(conv.events.length + 1), type, ...(from ? { from } : {}), body, timestamp: this.host.nowIso() };
    conv.events.push(event);
    if (heard) for (const l of this.listeners) l(conv.applicationId, conv, event);
    return event;
  }

  private eventRoute(req: ApiRequest, conv: SandboxConversation, eventId: string | undefined): void {
    if (eventId === undefined) {
      if (req.method === 'GET') return req.send(200, this.page(req, conv.events, 'events', (e) => this.eventView(req, conv, e)));
      if (req.method === 'POST') {
        const e = this.postEvent(conv, this.json(req));
        return req.send(201, { id: e.id, timestamp: e.timestamp, href: this.eventHref(req, conv, e) });
      }
      throw new HttpError(E.methodNotAllowed(req.method));
    }
    const index = conv.events.findIndex((e) => e.id === eventId);
    if (index < 0) throw eventNotFound();
    if (req.method === 'GET') return req.send(200, this.eventView(req, conv, conv.events[index]));
    if (req.method === 'DELETE') {
      conv.events[index] = { ...conv.events[index], type: 'event:delete', body: {} };
      return req.send(204);
    }
    throw new HttpError(E.methodNotAllowed(req.method));
  }

  private postEvent(conv: SandboxConversation, body: Json): SandboxEvent {
    if (typeof body.type !== 'string' || body.type === '') throw invalid('type', '"type" is required');
    if (typeof body.from !== 'string') throw invalid('from', '"from" (a member id) is required');
    const member = conv.members.get(body.from);
    if (!member) throw memberNotFound();
    if (member.state !== 'JOINED') {
      throw new HttpError(E.conversationError(403, 'conversation:error:not-joined', 'Forbidden.', 'Only a member that has joined the conversation can send events.'));
    }
    const eventBody = isObject(body.body) ? body.body : {};
    if (body.type === 'text' && typeof eventBody.text !== 'string') throw invalid('body.text', 'a text event needs body.text');
    return this.addEvent(conv, body.type, member.id, eventBody);
  }

  private eventHref(req: ApiRequest, conv: SandboxConversation, e: SandboxEvent): string {
    return this.urlHref(req, `/v1/conversations/${conv.id}/events/${e.id}`);
  }

  private eventView(req: ApiRequest, conv: SandboxConversation, e: SandboxEvent): Json {
    return { id: e.id, type: e.type, ...(e.from ? { from: e.from } : {}), body: e.body, timestamp: e.timestamp, href: this.eventHref(req, conv, e) };
  }

  // ---------- a user's conversations and sessions ----------

  private userRoute(req: ApiRequest, applicationId: string, app: AppState, userId: string, what: string): void {
    if (req.method !== 'GET') throw new HttpError(E.methodNotAllowed(req.method));
    const user = this.host.appUsers(applicationId)?.find((u) => u.id === userId);
    if (!user) throw new HttpError(E.userNotFound());
    if (what === 'sessions') {
      const mine = app.sessions.filter((s) => s.userId === userId);
      return req.send(200, this.page(req, mine, 'sessions', (s) => ({ id: s.id, _embedded: { user: { id: user.id, name: user.name } }, properties: { ttl: 0 } }), true));
    }
    const theirs = this.ordered(app).filter((c) => [...c.members.values()].some((m) => m.userId === userId && m.state !== 'LEFT'));
    return req.send(200, this.page(req, theirs, 'conversations', (c) => this.conversationLite(req, c), true));
  }

  // ---------- paging ----------

  private onlyGet(req: ApiRequest, answer: () => void): void {
    if (req.method !== 'GET') throw new HttpError(E.methodNotAllowed(req.method));
    answer();
  }

  /**
   * One page of `items` (in their order, or reversed for order=desc) with HAL links; the cursor is the
   * offset, opaque to clients. The user lists nest their links under `self`, as the document shows.
   */
  private page<T>(req: ApiRequest, items: readonly T[], key: string, view: (item: T) => Json, nested = false): Json {
    const q = req.url.searchParams;
    const pageSize = this.pageSize(q.get('page_size'));
    const orderRaw = (q.get('order') ?? 'asc').toLowerCase();
    if (orderRaw !== 'asc' && orderRaw !== 'desc') throw invalid('order', '"order" must be one of [asc, desc]');
    const offset = this.offsetOf(q.get('cursor'));
    const ordered = orderRaw === 'desc' ? [...items].reverse() : items;
    const slice = ordered.slice(offset, offset + pageSize);
    const link = (at: number) => {
      const params = new URLSearchParams({ order: orderRaw, page_size: String(pageSize) });
      if (at > 0) params.set('cursor', Buffer.from(JSON.stringify({ o: at })).toString('base64url'));
      return { href: `${req.baseUrl()}${req.path}?${params.toString()}` };
    };
    const links: Json = { first: link(0), self: link(offset) };
    if (offset + pageSize < ordered.length) links.next = link(offset + pageSize);
    if (offset > 0) links.prev = link(Math.max(0, offset - pageSize));
    return {
      page_size: pageSize,
      _embedded: { [key]: slice.map(view) },
      _links: nested ? { self: { href: link(offset).href, ...links } } : links,
    };
  }

  private pageSize(raw: string | null): number {
    if (raw === null) return DEFAULT_PAGE_SIZE;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) throw invalid('page_size', `"page_size" must be between 1 and ${MAX_PAGE_SIZE}`);
    return n;
  }

  private offsetOf(raw: string | null): number {
    if (raw === null || raw === '') return 0;
    try {
      const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown;
      if (isObject(c) && Number.isInteger(c.o) && (c.o as number) >= 0) return c.o as number;
    } catch {
      // fall through
    }
    throw invalid('cursor', 'the cursor is not one this API gave');
  }
}
