import * as assert from 'node:assert/strict';
import {
  ConversationsClient, VonageApiError, VonageInputError, checkTokenWithVonage, sessionsSummary, userRef, validateConversationName,
} from '../../../src/vonage';
import { type Call, client, json, scriptedFetch, type Scripted, rejection } from './helpers';

const TOKEN = 'admin.token.value';
const lost: Scripted = { throws: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) };

function conversations(...script: Scripted[]) {
  const f = scriptedFetch(...script);
  return { f, api: new ConversationsClient(client(f, { maxRetries: 0 }).http, () => TOKEN) };
}
const body = (c: Call) => JSON.parse(c.body ?? 'null') as Record<string, unknown>;
const query = (c: Call) => new URL(c.url).searchParams;
const pathOf = (c: Call) => new URL(c.url).pathname;

function conversationPage(items: { id: string; name: string }[], next?: string): Scripted {
  const links: Record<string, unknown> = { self: { href: 'x' } };
  if (next) links.next = { href: `https://api.example.test/v1/conversations?cursor=${next}&page_size=100` };
  return json(200, { page_size: 100, _embedded: { conversations: items }, _links: links });
}
function member(id: string, state: string, user: { id: string; name: string }) {
  return { id, state, _embedded: { user } };
}
function vonageError(status: number, code: string, detail: string): Scripted {
  return json(status, { title: 'x', type: `https://developer.nexmo.com/api/conversation#${code}`, code, detail });
}

describe('core: conversations', () => {
  it('lists every page by following the cursor of _links.next, with the admin token', async () => {
    const { f, api } = conversations(
      conversationPage([{ id: 'CON-1', name: 'a' }], 'c2'),
      conversationPage([{ id: 'CON-2', name: 'b' }], 'c3'),
      conversationPage([{ id: 'CON-3', name: 'c' }]),
    );
    const all = await api.list();
    assert.deepEqual(all.map((c) => c.id), ['CON-1', 'CON-2', 'CON-3']);
    assert.deepEqual(f.calls.map((c) => query(c).get('cursor')), [null, 'c2', 'c3']);
    assert.ok(f.calls.every((c) => c.headers.Authorization === `Bearer ${TOKEN}` && query(c).get('page_size') === '100'));
  });

  it('stops on a repeated cursor instead of looping forever', async () => {
    const { f, api } = conversations(conversationPage([{ id: 'CON-1', name: 'a' }], 'same'));
    await api.list();
    assert.equal(f.calls.length, 2);
  });

  it('creates with name and display name, refusing a bad name before sending', async () => {
    const { f, api } = conversations(json(201, { id: 'CON-9', name: 'chat', display_name: 'Chat' }));
    assert.deepEqual(await api.create({ name: 'chat', displayName: ' Chat ' }), { id: 'CON-9', name: 'chat', displayName: 'Chat', imageUrl: undefined, created: undefined, settledBy: 'answer' });
    assert.deepEqual(body(f.calls[0]), { name: 'chat', display_name: 'Chat' });
    const e = await rejection(api.create({ name: ' spaced' }));
    assert.ok(e instanceof VonageInputError && /start or end with a space/.test(e.message));
    assert.equal(f.calls.length, 1);
    assert.match(validateConversationName('x'.repeat(101)) ?? '', /101 characters long; the most is 100/);
  });

  it('says a taken name plainly (409 duplicate-name)', async () => {
    const { api } = conversations(vonageError(409, 'conversation:error:duplicate-name', 'The request failed because the conversation name already exists.'));
    const e = await rejection(api.create({ name: 'chat' }));
    assert.match(e.message, /The name "chat" is taken: a conversation with that name already exists/);
  });

  it('settles a create whose answer was lost by listing, never sending it twice', async () => {
    const { f, api } = conversations(lost, conversationPage([{ id: 'CON-7', name: 'chat' }]));
    const made = await api.create({ name: 'chat' });
    assert.equal(made.id, 'CON-7');
    assert.equal(made.settledBy, 'reading');
    assert.deepEqual(f.calls.map((c) => c.method), ['POST', 'GET']);
  });

  it('a lost create that is not there says it was not created; a failed reading says unknown', async () => {
    const notThere = conversations(lost, conversationPage([]));
    assert.match((await rejection(notThere.api.create({ name: 'chat' }))).message, /it is not among the application's conversations: it was not created/);
    assert.equal(notThere.f.calls.filter((c) => c.method === 'POST').length, 1);
    const unknown = conversations(lost, json(503, { title: 'down' }));
    assert.match((await rejection(unknown.api.create({ name: 'chat' }))).message, /whether it exists is unknown/);
  });

  it('adds a member over the app channel, by name or id; answers read lower-case', async () => {
    const { f, api } = conversations(json(201, member('MEM-1', 'JOINED', { id: 'USR-1', name: 'alice' })));
    const m = await api.addMember('CON-1', userRef('alice'), 'joined');
    assert.deepEqual(m, { id: 'MEM-1', state: 'joined', user: { id: 'USR-1', name: 'alice', displayName: undefined }, settledBy: 'answer' });
    assert.deepEqual(body(f.calls[0]), { state: 'joined', user: { name: 'alice' }, channel: { type: 'app' } });
    assert.equal(pathOf(f.calls[0]), '/v1/conversations/CON-1/members');
    assert.deepEqual(userRef('USR-42'), { id: 'USR-42' });
  });

  it('refuses a state other than joined/invited before sending', async () => {
    const { f, api } = conversations(json(201, {}));
    const e = await rejection(api.addMember('CON-1', { name: 'a' }, 'left' as never));
    assert.match(e.message, /must be "joined" or "invited", not "left"/);
    assert.equal(f.calls.length, 0);
  });

  it('settles a lost membership by reading the members', async () => {
    const { f, api } = conversations(lost, json(200, { _embedded: { members: [member('MEM-5', 'JOINED', { id: 'USR-1', name: 'alice' })] }, _links: { self: { href: 'x' } } }));
    const m = await api.addMember('CON-1', { name: 'alice' }, 'joined');
    assert.equal(m.id, 'MEM-5');
    assert.equal(m.settledBy, 'reading');
    assert.equal(f.calls.filter((c) => c.method === 'POST').length, 1);
  });

  it('one sentence each for an unknown user, a deleted conversation, a member already joined', async () => {
    const cases: [Scripted, RegExp][] = [
      [vonageError(404, 'user:error:not-found', 'User does not exist'), /There is no user "bob" in this application, so nobody was added/],
      [vonageError(404, 'conversation:error:not-found', 'Conversation does not exist'), /The conversation does not exist any more/],
      [vonageError(400, 'conversation:error:member-already-joined', 'already'), /already a joined member/],
    ];
    for (const [answer, message] of cases) {
      const { api } = conversations(answer);
      const e = await rejection(api.addMember('CON-1', { name: 'bob' }, 'joined'));
      assert.ok(e instanceof VonageApiError);
      assert.match(e.message, message);
    }
  });

  it('removes a member with PATCH state left', async () => {
    const { f, api } = conversations(json(200, member('MEM-1', 'LEFT', { id: 'USR-1', name: 'alice' })));
    assert.equal((await api.removeMember('CON-1', 'MEM-1')).state, 'left');
    assert.equal(f.calls[0].method, 'PATCH');
    assert.deepEqual(body(f.calls[0]), { state: 'left' });
  });

  it('reads the newest page of events first (order desc)', async () => {
    const { f, api } = conversations(
      json(200, { _embedded: { events: [{ id: '3', type: 'text', from: 'MEM-1', body: { text: 'hi' }, timestamp: 't', href: 'h' }] }, _links: { self: { href: 'x' }, next: { href: '/v1/conversations/CON-1/events?cursor=older' } } }),
    );
    const page = await api.eventsPage('CON-1');
    assert.equal(query(f.calls[0]).get('order'), 'desc');
    assert.equal(page.nextCursor, 'older');
    assert.deepEqual(page.items[0], { id: '3', type: 'text', from: 'MEM-1', timestamp: 't', body: { text: 'hi' } });
  });

  it("follows the user lists' cursor nested under _links.self", async () => {
    const { f, api } = conversations(
      json(200, { _embedded: { sessions: [{ id: 'SES-1', _embedded: { user: { id: 'USR-1', name: 'alice' } }, properties: { ttl: 0 } }] }, _links: { self: { href: 'x', next: { href: '/v1/users/USR-1/sessions?cursor=n2' } } } }),
      json(200, { _embedded: { sessions: [] }, _links: { self: { href: 'x' } } }),
    );
    const sessions = await api.userSessions('USR-1');
    assert.deepEqual(sessions, [{ id: 'SES-1', userId: 'USR-1', userName: 'alice', ttl: 0 }]);
    assert.equal(query(f.calls[1]).get('cursor'), 'n2');
    assert.equal(sessionsSummary(1), 'online · 1 session');
    assert.equal(sessionsSummary(3), 'online · 3 sessions');
    assert.equal(sessionsSummary(0), 'offline');
  });
});

describe('core: check a token with Vonage', () => {
  it("asks for the token's own user with the token as the credential, and reports acceptance", async () => {
    const f = scriptedFetch(json(200, { id: 'USR-1', name: 'alice' }));
    const r = await checkTokenWithVonage(client(f).http, 'user.jwt.here', 'USR-1');
    assert.deepEqual(r, { accepted: true, status: 200, path: '/v1/users/USR-1' });
    assert.equal(f.calls[0].headers.Authorization, 'Bearer user.jwt.here');
  });

  it("reports a rejection with Vonage's own reason, and throws when Vonage gave no verdict", async () => {
    const rejected = scriptedFetch(json(401, { title: 'Unauthorized', code: 'system:error:invalid-token', detail: 'expired' }));
    assert.deepEqual(await checkTokenWithVonage(client(rejected).http, 't.o.k', 'USR-1'), { accepted: false, status: 401, reason: 'expired', path: '/v1/users/USR-1' });
    const forbidden = scriptedFetch(json(403, { title: 'Forbidden', detail: 'not allowed by the ACL' }));
    assert.equal((await checkTokenWithVonage(client(forbidden).http, 't.o.k', 'USR-1')).reason, 'not allowed by the ACL');
    const down = scriptedFetch(json(503, { title: 'down' }));
    await rejection(checkTokenWithVonage(client(down, { maxRetries: 0 }).http, 't.o.k', 'USR-1'));
  });
});
