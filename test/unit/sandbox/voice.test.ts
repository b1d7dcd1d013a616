// The sandbox's Voice API: calls on the clock tests control (started → ringing → answered → completed, timeouts),
// app endpoints ringing only users with a session, each call a conversation, the NCCO run, inbound calls asking
// the answer URL (GET with a query, POST with JSON) and the fallback, event and RTC callbacks signed with the
// account's signature secret, the webhooks log, paging, changes to a call, faults.
import * as assert from 'node:assert/strict';
import * as crypto from 'crypto';
import * as http from 'http';
import jwt from 'jsonwebtoken';
import { startSandbox, VonageSandbox } from '../../sandbox';
import { nccoProblem } from '../../sandbox/nccoCheck';
import { localServer } from '../core/helpers';
import { adminToken, basic, bearer, call, keyPair, type Pair } from './helpers';

interface Hit { method: string; path: string; query: Record<string, string>; headers: http.IncomingHttpHeaders; raw: string; body: unknown }
type Reply = { status: number; body?: unknown } | 'hang';

/** The developer's server: records every callback; what it answers is set per path. */
async function hookServer() {
  const hits: Hit[] = [];
  const replies = new Map<string, Reply>();
  const server = await localServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const raw = Buffer.concat(chunks).toString('utf8');
      hits.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, raw, body: raw ? JSON.parse(raw) as unknown : undefined });
      const reply = replies.get(url.pathname) ?? { status: 200 };
      if (reply === 'hang') return;
      res.writeHead(reply.status, { 'Content-Type': 'application/json' });
      res.end(reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
    });
  });
  return { ...server, hits, replies, at: (path: string) => hits.filter((h) => h.path === path) };
}

const TALK = [{ action: 'talk', text: 'Hello' }];

describe('sandbox: voice', () => {
  let sb: VonageSandbox;
  let pair: Pair;
  let hooks: Awaited<ReturnType<typeof hookServer>>;
  let appId: string;
  let admin: string;
  let alice: { id: string; name: string };
  let bob: { id: string; name: string };

  before(async () => {
    sb = await startSandbox();
    pair = keyPair();
  });
  after(() => sb.stop());
  beforeEach(async () => {
    sb.reset();
    hooks = await hookServer();
    appId = await voiceApp();
    [alice, bob] = sb.seedUsers(appId, 2, 'user').map((u) => ({ id: u.id, name: u.name }));
    admin = adminToken(appId, pair.privateKey);
  });
  afterEach(async () => {
    await sb.voice.idle();
    await hooks.close();
  });

  async function voiceApp(opts: { signed?: boolean; answerMethod?: 'GET' | 'POST'; fallback?: boolean; socketTimeout?: number; rtcSigned?: boolean } = {}): Promise<string> {
    const voice = {
      webhooks: {
        answer_url: { address: `${hooks.url}/answer`, http_method: opts.answerMethod ?? 'GET', ...(opts.socketTimeout ? { socket_timeout: opts.socketTimeout } : {}) },
        event_url: { address: `${hooks.url}/event`, http_method: 'POST' },
        ...(opts.fallback ? { fallback_answer_url: { address: `${hooks.url}/fallback`, http_method: 'GET' } } : {}),
      },
      ...(opts.signed ? { signed_callbacks: true } : {}),
    };
    const rtc = { webhooks: { event_url: { address: `${hooks.url}/rtc`, http_method: 'POST' } }, ...(opts.rtcSigned ? { signed_callbacks: true } : {}) };
    const r = await call(sb.url, 'POST', '/v2/applications', { headers: basic(sb), body: { name: 'Voice app', keys: { public_key: pair.publicKey }, capabilities: { voice, rtc } } });
    assert.equal(r.status, 201, r.text);
    return r.json.id as string;
  }

  const api = (method: string, path: string, body?: unknown, token = admin) => call(sb.url, method, path, { headers: bearer(token), body });
  const control = (method: string, path: string, body?: unknown) => call(sb.url, method, path, { body });
  const place = async (body: Record<string, unknown>) => {
    const r = await api('POST', '/v1/calls', body);
    assert.equal(r.status, 201, r.text);
    return r.json as { uuid: string; status: string; direction: string; conversation_uuid: string };
  };
  const get = async (uuid: string) => (await api('GET', `/v1/calls/${uuid}`)).json as Record<string, unknown>;
  const login = (userId: string) => sb.conversations.openSession(appId, userId);
  const eventStatuses = () => hooks.at('/event').map((h) => (h.body as { status: string }).status);

  describe('an outbound call on the clock', () => {
    it('to an app user with a session: started, ringing a second later, answered, the NCCO spoken, completed', async () => {
      login(alice.id);
      const made = await place({ to: [{ type: 'app', user: alice.name }], ncco: TALK });
      assert.equal(made.status, 'started');
      assert.equal(made.direction, 'outbound');
      assert.match(made.conversation_uuid, /^CON-/);
      assert.equal((await get(made.uuid)).status, 'started');
      sb.voice.advance(999);
      assert.equal((await get(made.uuid)).status, 'started');
      sb.voice.advance(1);
      assert.equal((await get(made.uuid)).status, 'ringing');
      assert.equal((await control('POST', `/_sandbox/calls/${made.uuid}/answer`)).status, 204);
      assert.equal((await get(made.uuid)).status, 'answered');
      sb.voice.advance(1000); // "Hello": a second of speech, then the NCCO is over
      const done = await get(made.uuid);
      assert.equal(done.status, 'completed');
      assert.equal(done.duration, '1');
      assert.match(String(done.start_time), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      assert.match(String(done.end_time), /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      assert.deepEqual(done.to, { type: 'app', user: alice.name });
      await sb.voice.idle();
      assert.deepEqual(eventStatuses(), ['started', 'ringing', 'answered', 'completed']);
    });

    it('the call is a conversation: the leg a member (invited, joined, left) and its leg:status:update events', async () => {
      login(alice.id);
      const made = await place({ to: [{ type: 'app', user: alice.name }], ncco: TALK });
      sb.voice.answer(made.uuid);
      sb.voice.remoteHangUp(made.uuid);
      const events = sb.conversations.events(appId, made.conversation_uuid);
      assert.deepEqual(events.map((e) => e.type), [
        'leg:status:update', 'member:invited', 'leg:status:update', 'member:joined', 'leg:status:update', 'member:left', 'leg:status:update',
      ]);
      assert.deepEqual(events.filter((e) => e.type === 'leg:status:update').map((e) => e.body.status), ['started', 'ringing', 'answered', 'completed']);
      const [member] = sb.conversations.members(appId, made.conversation_uuid);
      assert.deepEqual([member.userId, member.userName, member.channel, member.state], [alice.id, alice.name, 'app', 'LEFT']);
      await sb.voice.idle();
      assert.deepEqual(hooks.at('/rtc').map((h) => (h.body as { type: string }).type), events.map((e) => e.type));
      assert.equal((hooks.at('/rtc')[0].body as { conversation_id: string }).conversation_id, made.conversation_uuid);
    });

    it('an app user without a session is not rung: the call fails, as at Vonage', async () => {
      const made = await place({ to: [{ type: 'app', user: alice.name }], ncco: TALK });
      sb.voice.advance(1000);
      assert.equal((await get(made.uuid)).status, 'failed');
      assert.deepEqual(sb.conversations.members(appId, made.conversation_uuid), []);
      const answer = await control('POST', `/_sandbox/calls/${made.uuid}/answer`);
      assert.equal(answer.status, 409);
      assert.match(String(answer.json.reason), /the call is failed, not ringing/);
    });

    it('nobody answers: an app call times out, a phone call is unanswered, after its ringing_timer', async () => {
      login(alice.id);
      const [n] = sb.numbers.seedOwned(1, { applicationId: appId });
      const app = await place({ to: [{ type: 'app', user: alice.name }], ncco: TALK });
      const phone = await place({ to: [{ type: 'phone', number: '447700900123' }], from: { type: 'phone', number: n.msisdn }, ncco: TALK, ringing_timer: 5 });
      sb.voice.advance(1000 + 5000);
      assert.deepEqual([(await get(app.uuid)).status, (await get(phone.uuid)).status], ['ringing', 'unanswered']);
      sb.voice.advance(55_000);
      assert.equal((await get(app.uuid)).status, 'timeout');
    });

    it('a phone call needs a number of the account (or random_from_number), and a completed one is charged once', async () => {
      const [n] = sb.numbers.seedOwned(1, { applicationId: appId });
      const to = [{ type: 'phone', number: '447700900123' }];
      const noFrom = await api('POST', '/v1/calls', { to, ncco: TALK });
      assert.equal(noFrom.status, 400);
      assert.deepEqual(noFrom.json.invalid_parameters, [{ name: 'from', reason: 'is required for a call to a phone (or set random_from_number)' }]);
      const notOurs = await api('POST', '/v1/calls', { to, from: { type: 'phone', number: '447700900999' }, ncco: TALK });
      assert.deepEqual(notOurs.json.invalid_parameters, [{ name: 'from.number', reason: 'is not a number of this account' }]);
      const both = await api('POST', '/v1/calls', { to, from: { type: 'phone', number: n.msisdn }, random_from_number: true, ncco: TALK });
      assert.equal(both.json.invalid_parameters[0].name, 'random_from_number');
      const made = await place({ to, random_from_number: true, ncco: [{ action: 'talk', text: 'x'.repeat(1200) }] }); // 60 s of speech
      assert.deepEqual((await get(made.uuid)).from, { type: 'phone', number: n.msisdn });
      sb.voice.answer(made.uuid);
      sb.voice.advance(60_000);
      const done = await get(made.uuid);
      assert.deepEqual([done.status, done.duration, done.rate, done.price, done.network], ['completed', '60', '0.10000000', '0.10000000', '23410']);
      assert.equal(sb.numbers.balance(sb.apiKey), 9.9);
    });

    it('an inline NCCO Vonage would not run is refused at once, naming the action', async () => {
      for (const [ncco, said] of [
        [[{ action: 'talk' }], 'action 0 (talk): talk needs text'],
        [[{ action: 'talk', text: 'hi' }, { action: 'dance' }], 'action 1 (dance): unknown action "dance"'],
        [[{ action: 'connect' }], 'action 0 (connect): connect needs endpoint (an array of one endpoint)'],
      ] as const) {
        const r = await api('POST', '/v1/calls', { to: [{ type: 'app', user: alice.name }], ncco });
        assert.equal(r.status, 400);
        assert.deepEqual(r.json.invalid_parameters, [{ name: 'ncco', reason: said }]);
      }
      assert.deepEqual(sb.voice.calls(appId), []);
    });

    it('an application without the voice capability: 403; no token: 401; another application\'s call: 404', async () => {
      const [rtcOnly] = sb.seedApplications(1, pair.publicKey);
      const r = await api('POST', '/v1/calls', { to: [{ type: 'app', user: 'x' }], ncco: TALK }, adminToken(rtcOnly.id, pair.privateKey));
      assert.equal(r.status, 403);
      assert.match(String(r.json.detail), /no voice capability/);
      assert.equal((await call(sb.url, 'GET', '/v1/calls')).status, 401);
      login(alice.id);
      const made = await place({ to: [{ type: 'app', user: alice.name }], ncco: TALK });
      assert.equal((await api('GET', `/v1/calls/${made.uuid}`, undefined, adminToken(rtcOnly.id, pair.privateKey))).status, 404);
    });
  });

  describe('changing a call', () => {
    it('hang up: a ringing call is cancelled, an answered one completes; a call that is over is a 400', async () => {
      login(alice.id);
      const ringing = await place({ to: [{ type: 'app', user: alice.name }], ncco: TALK });
      sb.voice.advance(1000);
      assert.equal((await api('PUT', `/v1/calls/${ringing.uuid}`, { action: 'hangup' })).status, 204);
      assert.equal((await get(ringing.uuid)).status, 'cancelled');
      const answered = await place({ to: [{ type: 'app', user: alice.name }], ncco: [{ action: 'conversation', name: 'room' }] });
      sb.voice.answer(answered.uuid);
      sb.voice.advance(10 * 60_000); // a conversation holds the call
      assert.equal((await get(answered.uuid)).status, 'answered');
      assert.equal((await api('PUT', `/v1/calls/${answered.uuid}`, { action: 'hangup' })).status, 204);
      assert.equal((await get(answered.uuid)).status, 'completed');
      const again = await api('PUT', `/v1/calls/${answered.uuid}`, { action: 'hangup' });
      assert.equal(again.status, 400);
      assert.match(String(again.json.detail), /The call is completed: only a call in progress can be changed/);
    });

    it('mute, earmuff and an unknown action; transfer to another NCCO', async () => {
      login(alice.id);
      const made = await place({ to: [{ type: 'app', user: alice.name }], ncco: [{ action: 'conversation', name: 'room' }] });
      sb.voice.answer(made.uuid);
      assert.equal((await api('PUT', `/v1/calls/${made.uuid}`, { action: 'mute' })).status, 204);
      assert.equal((await api('PUT', `/v1/calls/${made.uuid}`, { action: 'earmuff' })).status, 204);
      assert.deepEqual([sb.voice.call(made.uuid)?.muted, sb.voice.call(made.uuid)?.earmuffed], [true, true]);
      assert.equal((await api('PUT', `/v1/calls/${made.uuid}`, { action: 'explode' })).status, 400);
      assert.equal((await api('PUT', `/v1/calls/${made.uuid}`, { action: 'transfer', destination: { type: 'ncco', ncco: TALK } })).status, 204);
      sb.voice.advance(1000);
      assert.equal((await get(made.uuid)).status, 'completed');
    });

    it('the far end: reject while ringing, hang up once answered; 409 when the call is not in that state, 404 for no call', async () => {
      login(alice.id);
      const rejected = await place({ to: [{ type: 'app', user: alice.name }], ncco: TALK });
      assert.equal((await control('POST', `/_sandbox/calls/${rejected.uuid}/reject`)).status, 204);
      assert.equal((await get(rejected.uuid)).status, 'rejected');
      assert.equal((await control('POST', `/_sandbox/calls/${rejected.uuid}/hangup`)).status, 409);
      assert.equal((await control('POST', '/_sandbox/calls/nope/answer')).status, 404);
    });
  });

  describe('listing', () => {
    it('pages by record_index with count, in either order, filtered by status, time and conversation', async () => {
      sb.voice.seed(appId, 250);
      const page = await api('GET', '/v1/calls?page_size=100&record_index=200');
      assert.deepEqual([page.json.count, page.json.page_size, page.json.record_index, page.json._embedded.calls.length], [250, 100, 200, 50]);
      assert.equal(page.json._links.self.href, '/v1/calls?page_size=100&record_index=200&order=asc');
      const all = sb.voice.calls(appId);
      const newest = await api('GET', '/v1/calls?page_size=1&order=desc');
      assert.equal(newest.json._embedded.calls[0].uuid, all[249].uuid);
      assert.equal((await api('GET', '/v1/calls')).json._embedded.calls.length, 10, 'page_size defaults to 10');
      login(alice.id);
      const live = await place({ to: [{ type: 'app', user: alice.name }], ncco: TALK });
      const started = await api('GET', '/v1/calls?status=started');
      assert.deepEqual((started.json._embedded.calls as { uuid: string }[]).map((c) => c.uuid), [live.uuid]);
      const recent = await api('GET', `/v1/calls?date_start=${encodeURIComponent(new Date(Date.now() - 30_000).toISOString())}`);
      assert.deepEqual((recent.json._embedded.calls as { uuid: string }[]).map((c) => c.uuid), [live.uuid]);
      const byConversation = await api('GET', `/v1/calls?conversation_uuid=${live.conversation_uuid}`);
      assert.equal(byConversation.json.count, 1);
      for (const bad of ['page_size=101', 'record_index=-1', 'order=up', 'status=done', 'date_start=yesterday']) {
        assert.equal((await api('GET', `/v1/calls?${bad}`)).status, 400, bad);
      }
    });
  });

  describe('inbound calls', () => {
    it('a server call from an app user: the answer URL is asked with a GET query, and its NCCO connects another user', async () => {
      login(alice.id);
      login(bob.id);
      hooks.replies.set('/answer', { status: 200, body: [{ action: 'connect', endpoint: [{ type: 'app', user: bob.name }] }] });
      const r = await control('POST', '/_sandbox/calls', { applicationId: appId, fromUser: alice.name, to: '447700900000', customData: { room: 'blue' } });
      assert.equal(r.status, 201, r.text);
      await sb.voice.idle();
      const [ask] = hooks.at('/answer');
      assert.equal(ask.method, 'GET');
      assert.deepEqual(ask.query, {
        to: '447700900000', from_user: alice.name, uuid: r.json.uuid, conversation_uuid: r.json.conversationUuid, region_url: sb.url, custom_data: '{"room":"blue"}',
      });
      const inbound = sb.voice.call(r.json.uuid as string)!;
      assert.deepEqual([inbound.direction, inbound.status], ['inbound', 'answered']);
      const [, leg] = sb.voice.calls(appId);
      assert.deepEqual([leg.direction, leg.to, leg.conversation_uuid], ['outbound', { type: 'app', user: bob.name }, r.json.conversationUuid]);
      sb.voice.answer(leg.uuid as string);
      sb.voice.remoteHangUp(inbound.uuid);
      assert.deepEqual(sb.voice.calls(appId).map((c) => c.status), ['completed', 'completed']);
      assert.deepEqual(sb.conversations.members(appId, inbound.conversationUuid).map((m) => [m.userName, m.state]), [[alice.name, 'LEFT'], [bob.name, 'LEFT']]);
    });

    it('a phone dialling a linked number: POST with JSON when the capability says POST', async () => {
      appId = await voiceApp({ answerMethod: 'POST' });
      const [n] = sb.numbers.seedOwned(1, { applicationId: appId });
      hooks.replies.set('/answer', { status: 200, body: TALK });
      const made = sb.voice.inbound({ applicationId: appId, from: '447700900555', to: n.msisdn });
      await sb.voice.idle();
      const [ask] = hooks.at('/answer');
      assert.equal(ask.method, 'POST');
      assert.equal(ask.headers['content-type'], 'application/json');
      assert.deepEqual(ask.body, { to: n.msisdn, from: '447700900555', uuid: made.uuid, conversation_uuid: made.conversationUuid, region_url: sb.url });
      sb.voice.advance(1000);
      assert.equal(sb.voice.call(made.uuid)?.status, 'completed');
    });

    for (const [what, answer] of [
      ['a 500', { status: 500, body: { error: 'boom' } }],
      ['a body that is not JSON', { status: 200, body: '<html>hello</html>' }],
    ] as const) {
      it(`the answer URL gives ${what}: the fallback answer URL is asked, and its NCCO runs`, async () => {
        appId = await voiceApp({ fallback: true });
        sb.seedUsers(appId, 1, 'caller');
        const caller = sb.users(appId)[0];
        login(caller.id);
        hooks.replies.set('/answer', answer);
        hooks.replies.set('/fallback', { status: 200, body: TALK });
        const made = sb.voice.inbound({ applicationId: appId, fromUser: caller.name });
        await sb.voice.idle();
        assert.deepEqual(hooks.hits.filter((h) => h.path === '/answer' || h.path === '/fallback').map((h) => h.path), ['/answer', '/fallback']);
        assert.equal(sb.voice.call(made.uuid)?.status, 'answered');
        assert.deepEqual(sb.voice.webhooks().filter((w) => w.kind !== 'event' && w.kind !== 'rtc').map((w) => [w.kind, w.status]), [['answer', answer.status], ['fallback', 200]]);
      });
    }

    it('no answer within the socket timeout: the fallback is asked', async function () {
      this.timeout(10_000);
      appId = await voiceApp({ fallback: true, socketTimeout: 1000 });
      const [n] = sb.numbers.seedOwned(1, { applicationId: appId });
      hooks.replies.set('/answer', 'hang');
      hooks.replies.set('/fallback', { status: 200, body: TALK });
      const made = sb.voice.inbound({ applicationId: appId, from: '447700900555', to: n.msisdn });
      await sb.voice.idle();
      assert.equal(sb.voice.call(made.uuid)?.status, 'answered');
      assert.match(sb.voice.webhooks().find((w) => w.kind === 'answer')!.responseBody, /no answer within 1000 ms/);
    });

    it('an answer that is not a valid NCCO fails the call (no fallback); so do both URLs failing', async () => {
      appId = await voiceApp({ fallback: true });
      const [n] = sb.numbers.seedOwned(1, { applicationId: appId });
      hooks.replies.set('/answer', { status: 200, body: [{ action: 'talk' }] });
      const invalid = sb.voice.inbound({ applicationId: appId, from: '447700900555', to: n.msisdn });
      await sb.voice.idle();
      assert.equal(sb.voice.call(invalid.uuid)?.status, 'failed');
      assert.equal(hooks.at('/fallback').length, 0);
      hooks.replies.set('/answer', { status: 404 });
      hooks.replies.set('/fallback', { status: 503 });
      const unreachable = sb.voice.inbound({ applicationId: appId, from: '447700900555', to: n.msisdn });
      await sb.voice.idle();
      assert.equal(sb.voice.call(unreachable.uuid)?.status, 'failed');
    });

    it('what cannot be placed is said: no answer URL, a user without a session, a number not linked', async () => {
      const [rtcOnly] = sb.seedApplications(1, pair.publicKey);
      const cases: [Record<string, unknown>, number, RegExp][] = [
        [{ applicationId: 'nope', fromUser: 'x' }, 404, /no application nope/],
        [{ applicationId: rtcOnly.id, fromUser: 'x' }, 400, /has no voice answer URL/],
        [{ applicationId: appId, fromUser: alice.name, from: '447700900555' }, 400, /fromUser .* or from .*, one of the two/],
        [{ applicationId: appId, fromUser: alice.name }, 400, /has no session: a Client SDK app logs in first/],
        [{ applicationId: appId, fromUser: 'nobody' }, 400, /there is no user nobody/],
        [{ applicationId: appId, from: '447700900555', to: '447700900001' }, 400, /must be a number of the account linked to application/],
      ];
      for (const [body, status, said] of cases) {
        const r = await control('POST', '/_sandbox/calls', body);
        assert.equal(r.status, status, JSON.stringify(body));
        assert.match(String(r.json.reason), said);
      }
    });
  });

  describe('callbacks', () => {
    it('every status change POSTs the event URL; completed carries duration, times, rate and price', async () => {
      login(alice.id);
      const made = await place({ to: [{ type: 'app', user: alice.name }], ncco: TALK });
      sb.voice.answer(made.uuid);
      sb.voice.advance(1000);
      await sb.voice.idle();
      const events = hooks.at('/event').map((h) => h.body as Record<string, string>);
      assert.deepEqual(events.map((e) => e.status), ['started', 'ringing', 'answered', 'completed']);
      for (const e of events) {
        assert.deepEqual([e.uuid, e.conversation_uuid, e.direction, e.to], [made.uuid, made.conversation_uuid, 'outbound', alice.name]);
        assert.ok(!Number.isNaN(Date.parse(e.timestamp)));
      }
      const done = events[3];
      assert.deepEqual([done.duration, done.rate, done.price], ['1', '0.00000000', '0.00000000']);
      assert.ok(Date.parse(done.end_time) - Date.parse(done.start_time) >= 1000);
      assert.equal(hooks.at('/event')[0].headers.authorization, undefined, 'unsigned: the application did not ask');
    });

    it('an event_url given with the call is used instead of the application\'s', async () => {
      login(alice.id);
      await place({ to: [{ type: 'app', user: alice.name }], ncco: TALK, event_url: [`${hooks.url}/mine`], event_method: 'POST' });
      await sb.voice.idle();
      assert.deepEqual([hooks.at('/mine').length, hooks.at('/event').length], [1, 0]);
    });

    it('signed callbacks: an HS256 JWT with the account\'s signature secret, its payload_hash the body\'s (POST) or the query\'s (GET)', async () => {
      appId = await voiceApp({ signed: true, rtcSigned: true });
      sb.seedUsers(appId, 1, 'caller');
      const caller = sb.users(appId)[0];
      login(caller.id);
      hooks.replies.set('/answer', { status: 200, body: TALK });
      sb.voice.inbound({ applicationId: appId, fromUser: caller.name, to: 'support' });
      await sb.voice.idle();
      const secret = sb.signatureSecret();
      const verify = (h: Hit) => {
        const token = /^Bearer (.+)$/.exec(String(h.headers.authorization))?.[1];
        assert.ok(token, `${h.path} carries a Bearer token`);
        const decoded = jwt.verify(token, secret, { algorithms: ['HS256'], complete: true });
        assert.equal(decoded.header.alg, 'HS256');
        return decoded.payload as Record<string, unknown>;
      };
      const [answer] = hooks.at('/answer');
      const claims = verify(answer);
      assert.deepEqual(Object.keys(claims).sort(), ['api_key', 'application_id', 'iat', 'iss', 'jti', 'payload_hash']);
      assert.deepEqual([claims.iss, claims.api_key, claims.application_id], ['Vonage', sb.apiKey, appId]);
      assert.equal(claims.payload_hash, crypto.createHash('sha256').update(JSON.stringify(answer.query)).digest('hex'), 'a GET hashes its query parameters as JSON, in order');
      const [event] = hooks.at('/event');
      assert.equal(verify(event).payload_hash, crypto.createHash('sha256').update(event.raw).digest('hex'), 'a POST hashes its body');
      assert.ok(hooks.at('/rtc').length > 0);
      for (const rtc of hooks.at('/rtc')) verify(rtc);
      assert.throws(() => jwt.verify(/^Bearer (.+)$/.exec(String(event.headers.authorization))![1], 'another secret'));
      assert.ok(sb.voice.webhooks().every((w) => w.signed));
    });

    it('GET /_sandbox/webhooks lists each callback with the status and body answered; a non-loopback URL is not called', async () => {
      hooks.replies.set('/event', { status: 202, body: { ok: true } });
      login(alice.id);
      await place({ to: [{ type: 'app', user: alice.name }], ncco: TALK, event_url: ['https://example.com/event'] });
      await place({ to: [{ type: 'app', user: alice.name }], ncco: TALK });
      await sb.voice.idle();
      const log = (await control('GET', '/_sandbox/webhooks')).json as { kind: string; url: string; method: string; status: number; responseBody: string; requestBody: { status?: string }; applicationId: string; callUuid: string; signed: boolean; id: number; time: string }[];
      const events = log.filter((w) => w.kind === 'event');
      assert.deepEqual(events.map((w) => [w.url, w.status]), [['https://example.com/event', 0], [`${hooks.url}/event`, 202]]);
      assert.match(events[0].responseBody, /not sent: the sandbox delivers callbacks to loopback addresses only/);
      assert.deepEqual([events[1].method, events[1].responseBody, events[1].requestBody.status, events[1].applicationId, events[1].signed], ['POST', '{"ok":true}', 'started', appId, false]);
      assert.ok(log.every((w, i) => w.id > (log[i - 1]?.id ?? 0) && !Number.isNaN(Date.parse(w.time))));
      sb.reset();
      assert.deepEqual(sb.voice.webhooks(), []);
    });
  });

  describe('the clock, faults and reset', () => {
    it('POST /_sandbox/clock {advanceMs} moves the clock; a bad value is a 400', async () => {
      login(alice.id);
      const made = await place({ to: [{ type: 'app', user: alice.name }], ncco: TALK });
      assert.equal((await control('POST', '/_sandbox/clock', { advanceMs: 1000 })).status, 204);
      assert.equal((await get(made.uuid)).status, 'ringing');
      assert.equal((await control('POST', '/_sandbox/clock', { advanceMs: -5 })).status, 400);
    });

    it('on the real clock (npm start, npm run sandbox) a call moves by itself: ringing a second after it is placed', async () => {
      const own = await startSandbox({ voiceClock: 'real' });
      try {
        const r = await call(own.url, 'POST', '/v2/applications', { headers: basic(own), body: { name: 'Real clock', keys: { public_key: pair.publicKey }, capabilities: { voice: { webhooks: {} } } } });
        const id = r.json.id as string;
        const [u] = own.seedUsers(id, 1, 'real');
        own.conversations.openSession(id, u.id);
        const made = await call(own.url, 'POST', '/v1/calls', { headers: bearer(adminToken(id, pair.privateKey)), body: { to: [{ type: 'app', user: u.name }], ncco: TALK } });
        const uuid = made.json.uuid as string;
        const deadline = Date.now() + 10_000;
        while (own.voice.call(uuid)?.status !== 'ringing' && Date.now() < deadline) await new Promise((res) => setTimeout(res, 50));
        assert.equal(own.voice.call(uuid)?.status, 'ringing');
      } finally {
        await own.stop();
      }
    });

    it('resetAfter on POST /v1/calls: the call is placed, the answer lost; a 503 places nothing', async () => {
      login(alice.id);
      sb.failNext(1, { kind: 'resetAfter' }, { method: 'POST', pathPrefix: '/v1/calls' });
      await assert.rejects(api('POST', '/v1/calls', { to: [{ type: 'app', user: alice.name }], ncco: TALK }));
      assert.equal(sb.voice.calls(appId).length, 1);
      sb.failNext(1, { status: 503 }, { pathPrefix: '/v1/calls' });
      assert.equal((await api('POST', '/v1/calls', { to: [{ type: 'app', user: alice.name }], ncco: TALK })).status, 503);
      assert.equal(sb.voice.calls(appId).length, 1);
    });

    it('reset deletes the calls', () => {
      sb.voice.seed(appId, 3);
      sb.reset();
      assert.deepEqual(sb.voice.calls(appId), []);
    });
  });

  describe('the sandbox\'s own NCCO check (independent of the extension\'s schema)', () => {
    const cases: [unknown, string | undefined][] = [
      [[{ action: 'talk', text: 'Hi' }, { action: 'record' }, { action: 'stream', streamUrl: ['https://example.com/a.mp3'] }], undefined],
      [[{ action: 'connect', endpoint: [{ type: 'phone', number: '447700900000' }] }], undefined],
      [[{ action: 'input', type: ['dtmf'] }, { action: 'wait', timeout: 2 }, { action: 'notify', payload: {}, eventUrl: ['https://example.com/n'] }], undefined],
      [{ action: 'talk', text: 'Hi' }, 'an NCCO is a JSON array of actions'],
      [[], 'the NCCO has no action'],
      [['talk'], 'action 0 is not an object'],
      [[{ action: 'talk', text: '' }], 'action 0 (talk): talk needs text'],
      [[{ action: 'connect', endpoint: [{ type: 'app' }] }], 'action 0 (connect): an app endpoint needs user'],
      [[{ action: 'connect', endpoint: [{ type: 'fax', number: '1' }] }], 'action 0 (connect): unknown endpoint type "fax"'],
      [[{ action: 'talk', text: 'x', eventUrl: 'https://example.com' }], 'action 0 (talk): eventUrl must be an array of URLs'],
      [[{ action: 'input' }], 'action 0 (input): input needs type (["dtmf"], ["speech"] or both)'],
      [[{ text: 'no action' }], 'action 0: unknown action undefined'],
    ];
    for (const [ncco, want] of cases) it(`${JSON.stringify(ncco).slice(0, 70)}: ${want ?? 'runs'}`, () => assert.equal(nccoProblem(ncco), want));
  });
});
