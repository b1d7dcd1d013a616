// The sandbox's Conversation API: conversations with cursor paging, unique names, members and the events
// their state changes emit, text events from joined members, a user's conversations and sessions, user
// JWTs judged as Vonage does (signature, lifetime, ACL globs) with the reason, logins, faults.
import * as assert from 'node:assert/strict';
import * as crypto from 'crypto';
import jwt from 'jsonwebtoken';
import { startSandbox, VonageSandbox } from '../../sandbox';
import { globAllows } from '../../sandbox/userTokens';
import { adminToken, bearer, call, keyPair, type Pair } from './helpers';

const CLIENT_SDK_ACL = { paths: { '/*/users/**': {}, '/*/conversations/**': {}, '/*/sessions/**': {} } };

function userToken(appId: string, privateKey: string, sub: string, claims: Record<string, unknown> = {}, alg: jwt.Algorithm = 'RS256'): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt.sign({ application_id: appId, iat: now, jti: crypto.randomUUID(), exp: now + 3600, sub, acl: CLIENT_SDK_ACL, ...claims }, privateKey, { algorithm: alg });
}

describe('sandbox: conversations', () => {
  let sb: VonageSandbox;
  let pair: Pair;
  let appId: string;
  let admin: string;
  let alice: { id: string; name: string };

  before(async () => {
    sb = await startSandbox();
    pair = keyPair();
  });
  after(() => sb.stop());
  beforeEach(() => {
    sb.reset();
    appId = sb.seedApplications(1, pair.publicKey)[0].id;
    [alice] = sb.seedUsers(appId, 2, 'user').map((u) => ({ id: u.id, name: u.name }));
    admin = adminToken(appId, pair.privateKey);
  });

  const api = (method: string, path: string, body?: unknown, token = admin) => call(sb.url, method, path, { headers: bearer(token), body });
  const create = async (name: string) => (await api('POST', '/v1/conversations', { name })).json as { id: string; name: string };

  it('creates conversations with unique names, and lists them page by page with the cursor of _links.next', async () => {
    const made = await api('POST', '/v1/conversations', { name: 'chat', display_name: 'Chat' });
    assert.equal(made.status, 201);
    assert.match(String(made.json.id), /^CON-/);
    const dup = await api('POST', '/v1/conversations', { name: 'chat' });
    assert.equal(dup.status, 409);
    assert.equal(dup.json.code, 'conversation:error:duplicate-name');
    sb.conversations.seed(appId, 249, 'many');
    const seen: string[] = [];
    let next: string | undefined = '/v1/conversations?page_size=100';
    while (next) {
      const page = await api('GET', next);
      seen.push(...(page.json._embedded.conversations as { id: string }[]).map((c) => c.id));
      next = page.json._links.next?.href;
    }
    assert.equal(seen.length, 250);
    assert.equal(new Set(seen).size, 250);
  });

  it('members by name or id emit member events; PATCH left removes; an unknown user is a 404', async () => {
    const conv = await create('room');
    const joined = await api('POST', `/v1/conversations/${conv.id}/members`, { state: 'joined', user: { name: alice.name }, channel: { type: 'app' } });
    assert.equal(joined.status, 201);
    assert.equal(joined.json.state, 'JOINED');
    assert.equal(joined.json._embedded.user.id, alice.id);
    const again = await api('POST', `/v1/conversations/${conv.id}/members`, { state: 'joined', user: { id: alice.id }, channel: { type: 'app' } });
    assert.equal(again.json.code, 'conversation:error:member-already-joined');
    const nobody = await api('POST', `/v1/conversations/${conv.id}/members`, { state: 'invited', user: { name: 'nobody' } });
    assert.equal(nobody.status, 404);
    assert.equal(nobody.json.code, 'user:error:not-found');
    const left = await api('PATCH', `/v1/conversations/${conv.id}/members/${joined.json.id as string}`, { state: 'left' });
    assert.equal(left.json.state, 'LEFT');
    assert.deepEqual(sb.conversations.events(appId, conv.id).map((e) => e.type), ['member:joined', 'member:left']);
    const gone = await api('POST', '/v1/conversations/CON-missing/members', { state: 'joined', user: { name: alice.name } });
    assert.equal(gone.json.code, 'conversation:error:not-found');
  });

  it('a text event only from a joined member; events page newest first with order=desc', async () => {
    const conv = await create('talk');
    const member = (await api('POST', `/v1/conversations/${conv.id}/members`, { state: 'invited', user: { id: alice.id } })).json as { id: string };
    const refused = await api('POST', `/v1/conversations/${conv.id}/events`, { type: 'text', from: member.id, body: { text: 'hi' } });
    assert.equal(refused.status, 403);
    await api('POST', `/v1/conversations/${conv.id}/members`, { state: 'joined', user: { id: alice.id } });
    const sent = await api('POST', `/v1/conversations/${conv.id}/events`, { type: 'text', from: member.id, body: { text: 'hi' } });
    assert.equal(sent.status, 201);
    sb.conversations.seedEvents(appId, conv.id, 10_000);
    const newest = await api('GET', `/v1/conversations/${conv.id}/events?order=desc&page_size=100`);
    assert.equal(newest.json._embedded.events.length, 100);
    assert.equal(newest.json._embedded.events[0].id, '10003');
    assert.ok(newest.json._links.next.href);
  });

  it("a user's conversations and sessions; POST /_sandbox/login opens a session for a valid user token", async () => {
    const conv = await create('mine');
    await api('POST', `/v1/conversations/${conv.id}/members`, { state: 'joined', user: { id: alice.id } });
    const theirs = await api('GET', `/v1/users/${alice.id}/conversations`);
    assert.deepEqual((theirs.json._embedded.conversations as { id: string }[]).map((c) => c.id), [conv.id]);
    assert.ok(theirs.json._links.self.href);
    const login = await call(sb.url, 'POST', '/_sandbox/login', { body: { token: userToken(appId, pair.privateKey, alice.name) } });
    assert.equal(login.status, 201);
    assert.equal(login.json.user_id, alice.id);
    const sessions = await api('GET', `/v1/users/${alice.id}/sessions`);
    assert.deepEqual((sessions.json._embedded.sessions as { id: string }[]).map((s) => s.id), [login.json.id]);
    const refused = await call(sb.url, 'POST', '/_sandbox/login', { body: { token: userToken(appId, pair.privateKey, alice.name, { exp: Math.floor(Date.now() / 1000) - 5 }) } });
    assert.deepEqual([refused.status, refused.json.reason], [401, 'expired']);
  });

  it('user tokens: accepted where the ACL allows; refused with the reason otherwise', async () => {
    const other = keyPair();
    const path = `/v1/users/${alice.id}`;
    const reasonFor = async (token: string) => {
      const r = await api('GET', path, undefined, token);
      return r.status === 200 ? 'ok' : `${r.status} ${String(r.json.detail)}`;
    };
    assert.equal(await reasonFor(userToken(appId, pair.privateKey, alice.name)), 'ok');
    assert.equal(await reasonFor(userToken(appId, pair.privateKey, alice.name, { exp: Math.floor(Date.now() / 1000) - 1 })), '401 expired');
    assert.match(await reasonFor(userToken(appId, other.privateKey, alice.name)), /^401 bad signature/);
    assert.match(await reasonFor(userToken(appId, 'hs-secret', alice.name, {}, 'HS256')), /^401 invalid token: the algorithm must be RS256/);
    assert.match(await reasonFor(userToken('00000000-0000-0000-0000-000000000000', pair.privateKey, alice.name)), /^401 unknown application/);
    assert.match(await reasonFor(userToken(appId, pair.privateKey, alice.name, { acl: { paths: { '/*/conversations/**': {} } } })), /^403 not allowed by the ACL/);
    assert.equal(globAllows('/*/users/**', '/v1/users/USR-1/sessions'), true);
    assert.equal(globAllows('/*/users/*', '/v1/users/USR-1/sessions'), false);
    assert.equal(globAllows('/*/users/**', '/v1/users'), false);
  });

  it('a create whose answer is lost was made once (faults apply to the new writes)', async () => {
    sb.failNext(1, { kind: 'resetAfter' }, { pathPrefix: '/v1/conversations' });
    await assert.rejects(api('POST', '/v1/conversations', { name: 'lost' }));
    assert.deepEqual(sb.conversations.list(appId).map((c) => c.name), ['lost']);
  });
});
