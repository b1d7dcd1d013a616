// Contract tier for the Conversation API: the core's ConversationsClient and the token check talk to the
// sandbox through Prism's validating proxy loaded with Vonage's own conversations document (paths under
// /v1). Every request the extension makes and every answer the sandbox gives must pass with zero violations.
//
// Where the document and the live API differ (and what this follows):
// - List responses mark a property "coursor" as required; no API returns it: dropped (prism.ts).
// - The document's member example fails its own schema (channel.from/to); member answers leave them out.
// - Event ids are "progressive integers" typed as strings: sent as strings.
import * as assert from 'node:assert/strict';
import { checkTokenWithVonage, ConversationsClient, generateKeyPair, JwtSigner, VonageHttpClient } from '../../src/vonage';
import { startSandbox, VonageSandbox } from '../sandbox';
import { CONVERSATIONS_DOC, preparedDocs, PrismProxy, stopAllPrisms, USERS_DOC } from './prism';
import { rejection, requireDocs } from './support';

describe('contract: conversations, members, events and sessions against the sandbox, through Prism and the official document', function () {
  this.timeout(60000);
  let sandbox: VonageSandbox;
  let proxy: PrismProxy | undefined;
  let usersProxy: PrismProxy | undefined;
  let docs: ReturnType<typeof preparedDocs> | undefined;
  let appId: string;
  let privateKey: string;
  let alice: { id: string; name: string };
  const signer = new JwtSigner();

  before(async function () {
    requireDocs(this, [CONVERSATIONS_DOC, USERS_DOC], 'CONVERSATIONS CONTRACT TESTS');
    docs = preparedDocs();
    sandbox = await startSandbox();
    [proxy, usersProxy] = await Promise.all([
      PrismProxy.start(`${docs.dir}/${CONVERSATIONS_DOC}`, sandbox.url),
      PrismProxy.start(`${docs.dir}/${USERS_DOC}`, sandbox.url),
    ]);
    const pair = await generateKeyPair();
    privateKey = pair.privateKey;
    appId = sandbox.seedApplications(1, pair.publicKey)[0].id;
    const [u] = sandbox.seedUsers(appId, 1, 'alice');
    alice = { id: u.id, name: u.name };
  });

  after(async () => {
    await Promise.all([proxy?.stop(), usersProxy?.stop(), stopAllPrisms(), sandbox?.stop()]);
    docs?.cleanup();
  });

  beforeEach(() => {
    sandbox.conversations.reset();
    sandbox.clearFaults();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'pending') return;
    const problems = [...(await proxy?.settledProblems() ?? []), ...(await usersProxy?.settledProblems() ?? [])];
    assert.deepEqual(problems, [], `Prism reported contract problems:\n${problems.join('\n')}`);
  });

  const http = (p: PrismProxy) => new VonageHttpClient({ baseUrl: p.url, userAgent: 'vonage-credentials-vscode/contract-test', maxRetries: 0, timeoutMs: 20000 });
  const client = () => new ConversationsClient(http(proxy!), () => signer.signAdminToken({ applicationId: appId, privateKey }));


  it('create, get, list every page (cursor), delete', async () => {
    const c = client();
    const made = await c.create({ name: 'contract-chat', displayName: 'Contract Chat' });
    assert.equal((await c.get(made.id)).name, 'contract-chat');
    sandbox.conversations.seed(appId, 120, 'paged');
    assert.equal((await c.list()).length, 121);
    await c.delete(made.id);
    assert.equal((await rejection(c.get(made.id))).code, 'conversation:error:not-found');
  });

  it('a duplicate name: 409 conversation:error:duplicate-name, said plainly', async () => {
    const c = client();
    await c.create({ name: 'twice' });
    const e = await rejection(c.create({ name: 'twice' }));
    assert.equal(e.code, 'conversation:error:duplicate-name');
    assert.match(e.message, /is taken/);
  });

  it('members: add by name and id (joined, invited), list, remove; an unknown user', async () => {
    const c = client();
    const conv = await c.create({ name: 'members' });
    const joined = await c.addMember(conv.id, { name: alice.name }, 'joined');
    assert.equal(joined.state, 'joined');
    assert.equal((await rejection(c.addMember(conv.id, { name: 'nobody' }, 'invited'))).code, 'user:error:not-found');
    assert.deepEqual((await c.members(conv.id)).map((m) => m.state), ['joined']);
    assert.equal((await c.removeMember(conv.id, joined.id)).state, 'left');
    assert.equal((await c.addMember(conv.id, { id: alice.id }, 'invited')).state, 'invited');
  });

  it('events: the newest page first, an older page by cursor', async () => {
    const c = client();
    const conv = await c.create({ name: 'events' });
    await c.addMember(conv.id, { id: alice.id }, 'joined');
    sandbox.conversations.seedEvents(appId, conv.id, 150);
    const newest = await c.eventsPage(conv.id, { pageSize: 100 });
    assert.equal(newest.items.length, 100);
    assert.ok(newest.nextCursor);
    const older = await c.eventsPage(conv.id, { pageSize: 100, cursor: newest.nextCursor });
    assert.equal(older.items.at(-1)?.type, 'member:joined');
  });

  it("a user's conversations and sessions", async () => {
    const c = client();
    const conv = await c.create({ name: 'users-view' });
    await c.addMember(conv.id, { id: alice.id }, 'joined');
    sandbox.conversations.openSession(appId, alice.id);
    assert.deepEqual((await c.userConversations(alice.id)).map((x) => x.id), [conv.id]);
    assert.equal((await c.userSessions(alice.id)).length, 1);
  });

  it('the token check: accepted (200) and expired (401 with the reason), on the Users API path', async () => {
    const good = signer.signUserToken({ applicationId: appId, privateKey, sub: alice.name, ttlSeconds: 600 });
    assert.deepEqual(await checkTokenWithVonage(http(usersProxy!), good, alice.id), { accepted: true, status: 200, path: `/v1/users/${alice.id}` });
    const now = Math.floor(Date.now() / 1000);
    const expired = new JwtSigner({ now: () => (now - 7200) * 1000 }).signUserToken({ applicationId: appId, privateKey, sub: alice.name, ttlSeconds: 60 });
    const r = await checkTokenWithVonage(http(usersProxy!), expired, alice.id);
    assert.deepEqual([r.accepted, r.status, r.reason], [false, 401, 'expired']);
  });
});
