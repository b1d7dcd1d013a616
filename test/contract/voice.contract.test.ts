// Contract tier for the Voice API: the core's VoiceClient talks to the sandbox through Prism's validating proxy
// loaded with Vonage's Voice API document (1.3.8, paths under /v1/calls: voice.v1-calls-rooted.yml). Every
// request the extension makes (create with an NCCO and with an answer URL, to an app user and to a phone; list
// with paging and filters; get; hang up; the read that settles a lost create) and every answer the sandbox
// gives must pass with zero violations.
//
// Where the document and the live API differ (and what this follows):
// - conversation_uuid is declared `format: uuid`, but real ids (and the document's own example) are
//   "CON-<uuid>": the format is dropped in the working copy (prism.ts, conversationUuidFormat).
// - start_time and end_time are "YYYY-MM-DD HH:MM:SS" (format "timestamp", which validators do not know).
import * as assert from 'node:assert/strict';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { generateKeyPair, JwtSigner, VoiceClient, VonageHttpClient } from '../../src/vonage';
import { startSandbox, VonageSandbox } from '../sandbox';
import { preparedDocs, PrismProxy, stopAllPrisms, VOICE_DOC } from './prism';
import { rejection, requireDocs } from './support';

const TALK = [{ action: 'talk', text: 'Hello from the contract tier' }];

describe('contract: calls against the sandbox, through Prism and the official Voice API document', function () {
  this.timeout(60000);
  let sandbox: VonageSandbox;
  let proxy: PrismProxy | undefined;
  let docs: ReturnType<typeof preparedDocs> | undefined;
  let appId: string;
  let privateKey: string;
  let alice: string;
  let number: string;
  /** The developer's answer URL: an NCCO that keeps the call up (a conversation). */
  let answerServer: http.Server | undefined;
  let answerUrl: string;
  const signer = new JwtSigner();

  before(async function () {
    requireDocs(this, [VOICE_DOC], 'VOICE CONTRACT TESTS');
    answerServer = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify([{ action: 'conversation', name: 'contract-room' }]));
    });
    await new Promise<void>((resolve) => answerServer!.listen(0, '127.0.0.1', resolve));
    answerUrl = `http://127.0.0.1:${(answerServer.address() as AddressInfo).port}/answer`;
    docs = preparedDocs();
    assert.ok(docs.patches.some((p) => p.startsWith(VOICE_DOC)), `the conversation_uuid patch applies: ${docs.patches.join('; ')}`);
    sandbox = await startSandbox();
    proxy = await PrismProxy.start(`${docs.dir}/${VOICE_DOC}`, sandbox.url);
    const pair = await generateKeyPair();
    privateKey = pair.privateKey;
    const app = await httpClient(sandbox.url).request<{ id: string }>({
      method: 'POST', path: '/v2/applications', auth: { kind: 'basic', apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret },
      body: {
        name: 'Voice contract', keys: { public_key: pair.publicKey },
        capabilities: { voice: { webhooks: { answer_url: { address: answerUrl, http_method: 'GET' }, event_url: { address: answerUrl.replace(/answer$/, 'event'), http_method: 'POST' } } } },
      },
    });
    appId = app.id;
    const [user] = sandbox.seedUsers(appId, 1, 'alice');
    alice = user.name;
    sandbox.conversations.openSession(appId, user.id);
    number = sandbox.numbers.seedOwned(1, { applicationId: appId })[0].msisdn;
  });

  after(async () => {
    await Promise.all([proxy?.stop(), stopAllPrisms(), sandbox?.stop()]);
    answerServer?.closeAllConnections();
    await new Promise((resolve) => (answerServer ? answerServer.close(resolve) : resolve(undefined)));
    docs?.cleanup();
  });

  beforeEach(() => sandbox?.clearFaults());

  afterEach(async function () {
    if (this.currentTest?.state === 'pending') return;
    await sandbox.voice.idle();
    const problems = await proxy?.settledProblems() ?? [];
    assert.deepEqual(problems, [], `Prism reported contract problems:\n${problems.join('\n')}`);
  });

  function httpClient(baseUrl: string): VonageHttpClient {
    return new VonageHttpClient({ baseUrl, userAgent: 'vonage-credentials-vscode/contract-test', maxRetries: 0, timeoutMs: 20000 });
  }
  const client = () => new VoiceClient(httpClient(proxy!.url), () => signer.signAdminToken({ applicationId: appId, privateKey }));
  const toAlice = () => ({ type: 'app' as const, user: alice });

  it('the harness sees a request that breaks the document (a create with no `to`: 422, not forwarded)', async () => {
    const before = sandbox.requests.length;
    const token = signer.signAdminToken({ applicationId: appId, privateKey });
    const e = await rejection(httpClient(proxy!.url).request({ method: 'POST', path: '/v1/calls', body: { ncco: TALK }, auth: { kind: 'bearer', token } }));
    assert.equal(e.status, 422);
    assert.equal(sandbox.requests.length, before);
    assert.notDeepEqual(await proxy!.settledProblems(), []);
  });

  it('create to an app user with an inline NCCO, get it, hang it up while ringing (cancelled)', async () => {
    const made = await client().create({ to: toAlice(), ncco: TALK });
    assert.deepEqual([made.status, made.direction, made.settledBy], ['started', 'outbound', 'answer']);
    assert.match(made.conversationUuid, /^CON-/);
    sandbox.voice.advance(1000);
    const got = await client().get(made.uuid);
    assert.deepEqual([got.status, got.to], ['ringing', toAlice()]);
    const hungUp = await client().hangUp(made.uuid);
    assert.deepEqual([hungUp.uuid, hungUp.status, hungUp.alreadyOver], [made.uuid, 'cancelled', false]);
    assert.deepEqual([hungUp.call?.uuid, hungUp.call?.status], [made.uuid, 'cancelled'], 'the call as read back once over');
  });

  it('create to a phone from a number of the account with an answer URL; answered, hung up: completed with its price', async () => {
    const made = await client().create({ to: { type: 'phone', number: '447700900123' }, from: { type: 'phone', number }, answerUrl, answerMethod: 'GET', eventUrl: answerUrl.replace(/answer$/, 'event'), eventMethod: 'POST' });
    sandbox.voice.answer(made.uuid);
    await sandbox.voice.idle(); // the answer URL is asked; its NCCO holds the call
    sandbox.voice.advance(30_000);
    const hungUp = await client().hangUp(made.uuid);
    assert.deepEqual([hungUp.uuid, hungUp.status, hungUp.alreadyOver], [made.uuid, 'completed', false]);
    assert.deepEqual([hungUp.call?.durationSeconds, hungUp.call?.price], [30, '0.05000000'], 'the hangup\'s read-back carries the duration and price (the Calls row shows them)');
    const done = await client().get(made.uuid);
    assert.deepEqual([done.durationSeconds, done.rate, done.price], [30, '0.10000000', '0.05000000']);
    const again = await client().hangUp(made.uuid);
    assert.deepEqual([again.uuid, again.status, again.alreadyOver, again.call?.durationSeconds], [made.uuid, 'completed', true, 30]);
  });

  it('random_from_number', async () => {
    const made = await client().create({ to: { type: 'phone', number: '447700900124' }, randomFromNumber: true, ncco: TALK });
    assert.deepEqual((await client().get(made.uuid)).from, { type: 'phone', number });
  });

  it('list: every page by record_index (count from the first), and the filters', async () => {
    sandbox.voice.seed(appId, 250);
    const c = client();
    const before = sandbox.requests.length;
    const all = await c.list();
    assert.equal(all.length, sandbox.voice.calls(appId).length);
    assert.ok(all.length >= 250);
    assert.equal(sandbox.requests.length - before, Math.ceil(all.length / 100));
    const newest = await c.listPage({ order: 'desc', pageSize: 5 });
    assert.equal(newest.items[0].uuid, sandbox.voice.calls(appId).at(-1)!.uuid);
    const made = await c.create({ to: toAlice(), ncco: TALK });
    const started = await c.list({ status: 'started' });
    assert.ok(started.some((x) => x.uuid === made.uuid) && started.every((x) => x.status === 'started'));
    assert.deepEqual((await c.list({ conversationUuid: made.conversationUuid })).map((x) => x.uuid), [made.uuid]);
    const window = { dateStart: new Date(Date.now() - 60_000).toISOString(), dateEnd: new Date(Date.now() + 60_000).toISOString() };
    assert.ok((await c.list(window)).some((x) => x.uuid === made.uuid));
  });

  it('a lost answer to a create is settled by reading the calls (one POST)', async () => {
    sandbox.failNext(1, { kind: 'resetAfter' }, { method: 'POST', pathPrefix: '/v1/calls' });
    const posts = () => sandbox.requests.filter((r) => r.method === 'POST').length;
    const before = posts();
    const made = await client().create({ to: { type: 'phone', number: '447700900125' }, from: { type: 'phone', number }, ncco: TALK });
    assert.equal(made.settledBy, 'reading');
    assert.equal(posts() - before, 1);
    assert.ok(sandbox.voice.call(made.uuid));
    const problems = await proxy!.settledProblems();
    assert.ok(problems.length === 1 && /post \/v1\/calls .*socket hang up/.test(problems[0]), `only the lost answer itself: ${problems.join('\n')}`);
  });
});
