// Contract tier: the CORE clients (src/vonage) talk to the sandbox through Prism's validating proxy, loaded
// with Vonage's own OpenAPI documents (../shared/vonage-api/rooted). Prism answers 422 to a request that
// breaks a document and turns a response that breaks it into a 500 naming the violation; it also logs
// violations. Every test ends with "no problem in Prism's output", so zero violations is the bar.
//
// Where the official documents and the live API differ:
// - Applications: the documents' server is https://api.nexmo.com with the /v2/applications prefix in
//   `servers`; Prism ignores the server path, so the rooted copy moves the prefix into `paths`.
// - Applications list: the live API (and the sandbox) add HAL `_links` (self/first/last/next/prev) that the
//   ApplicationResponseCollection schema does not declare; the schema allows extra properties, so Prism
//   accepts them. The core does not rely on them (it reads total_pages).
// - Users: the newest published users contract is Conversation API v0.3 (`/v0.3/users`); the SDK calls
//   `/v1/users`. The rooted copy relabels the paths `/v1/users…`; bodies are v0.3's.
// - Users list: the v0.3 document marks a property "coursor" (sic) as required in list responses; no API
//   returns it (the cursor is in `_links.next.href`). preparedDocs() removes that one line in a temporary
//   copy, and the test below says so loudly.
// - Users list: the `name` filter the live API takes (`vonage users list --name`) is not in the v0.3 document;
//   the document does not forbid other query parameters, so Prism forwards it and the test checks the answer.
// - Users PATCH: `properties.custom_data` is in the document's user schema but not in its PATCH body; the body
//   allows extra properties, so Prism checks it as any other field.
// - Applications PUT: voice region, signed_callbacks and conversations_ttl are not in the 2.1.2 document
//   (the SDKs and the CLI send them); the body allows extra properties. The voice region list is pinned below.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import {
  ApplicationsClient, generateKeyPair, JwtSigner, UsersClient, VOICE_REGIONS, VonageHttpClient,
} from '../../src/vonage';
import { EXTENSIONS, SCHEMA_FILE, WEBHOOK_ADDRESS, propertyAt, putBodySchema, schemaText, webhookAddressPaths } from '../../scripts/applicationSchema';
import { VOICE_REGIONS as SANDBOX_VOICE_REGIONS } from '../sandbox/server';
import type { KeyPair } from '../../src/vonage';
import { startSandbox, VonageSandbox } from '../sandbox';
import { APPLICATIONS_DOC, CONVERSATIONS_DOC, docsDir, preparedDocs, PrismProxy, stopAllPrisms, USERS_DOC, VOICE_DOC } from './prism';
import { rejection, requireDocs } from './support';

const USER_AGENT = 'vonage-credentials-vscode/contract-test';

describe('contract: the core against the sandbox, through Prism and the official documents', function () {
  this.timeout(60000);
  let sandbox: VonageSandbox;
  let appsProxy: PrismProxy | undefined;
  let usersProxy: PrismProxy | undefined;
  let docs: ReturnType<typeof preparedDocs> | undefined;
  let keys: KeyPair;
  const signer = new JwtSigner();

  before(async function () {
    requireDocs(this, undefined, 'CONTRACT TIER');
    docs = preparedDocs();
    for (const p of docs.patches) console.log(`    [contract] document patched in a temporary copy: ${p}`);
    sandbox = await startSandbox();
    // One proxy per document (each validates only its own paths), started side by side.
    await Promise.all([
      PrismProxy.start(`${docs.dir}/${APPLICATIONS_DOC}`, sandbox.url).then((p) => { appsProxy = p; }),
      PrismProxy.start(`${docs.dir}/${USERS_DOC}`, sandbox.url).then((p) => { usersProxy = p; }),
      generateKeyPair().then((k) => { keys = k; }),
    ]);
  });

  after(async () => {
    // Always, even when before() failed half way: no Prism outlives the run.
    await Promise.all([appsProxy?.stop(), usersProxy?.stop(), stopAllPrisms(), sandbox?.stop()]);
    docs?.cleanup();
  });

  beforeEach(() => sandbox.reset());

  // Zero violations: any problem line Prism logged during the test fails it, with Prism's own words.
  afterEach(async function () {
    if (this.currentTest?.state === 'pending') return;
    const [a, u] = await Promise.all([appsProxy?.settledProblems(), usersProxy?.settledProblems()]);
    const problems = [...(a ?? []), ...(u ?? [])];
    assert.deepEqual(problems, [], `Prism reported contract problems:\n${problems.join('\n')}`);
  });

  function http(proxy: PrismProxy): VonageHttpClient {
    // No retries: a retried 500 from Prism would hide a violation.
    return new VonageHttpClient({ baseUrl: proxy.url, userAgent: USER_AGENT, maxRetries: 0, timeoutMs: 20000 });
  }
  function applications(secret = sandbox.apiSecret, pageSize?: number): ApplicationsClient {
    return new ApplicationsClient(http(appsProxy!), { apiKey: sandbox.apiKey, apiSecret: secret }, pageSize ? { pageSize } : undefined);
  }
  function users(applicationId: string, privateKey = keys.privateKey, pageSize?: number): UsersClient {
    return new UsersClient(http(usersProxy!), () => signer.signAdminToken({ applicationId, privateKey }), pageSize ? { pageSize } : undefined);
  }
  /** The sandbox really answered (Prism forwarded it) with these statuses, in order. */
  function answered(...statuses: number[]) {
    assert.deepEqual(sandbox.requests.map((r) => r.status), statuses, JSON.stringify(sandbox.requests));
  }

  it('the patched documents differ from the shared ones only by the "coursor" typo and the voice conversation_uuid format', function () {
    // Not silent: this is the one place we do not hold the sandbox to the letter of the official text.
    assert.deepEqual(docs!.patches, [
      `${USERS_DOC}: removed 2 "required: coursor" (a typo; the live API returns no such property)`,
      `${CONVERSATIONS_DOC}: removed 4 "required: coursor" (a typo; the live API returns no such property)`,
      `${VOICE_DOC}: conversation_uuid is not format: uuid (real ids and the document's example are CON-<uuid>)`,
    ], 'if a document was fixed, drop its entry from preparedDocs\' list');
  });

  describe('the harness itself', () => {
    // Proves the zero-violation bar is real: a bad request and a bad response are both seen.
    it('sees a request that breaks the document (Prism answers 422 and does not forward it)', async () => {
      const e = await rejection(http(appsProxy!).request({
        method: 'POST', path: '/v2/applications', body: { keys: {} },
        auth: { kind: 'basic', apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret },
      }));
      assert.equal(e.status, 422);
      assert.deepEqual(sandbox.requests, [], 'not forwarded');
      assert.notDeepEqual(await appsProxy!.settledProblems(), [], 'Prism logged the violation');
    });

    it('sees a response that breaks the document (an HTML body where JSON is documented)', async () => {
      sandbox.failNext(1, { kind: 'html', status: 401 });
      const e = await rejection(applications().verifyCredentials());
      assert.equal(e.status, 500, 'Prism turned the bad response into a 500');
      assert.notDeepEqual(await appsProxy!.settledProblems(), [], 'Prism logged the violation');
    });
  });

  describe('applications (application.v2.rooted.yml)', () => {
    it('create with our public key: 201, the key kept, no private key', async () => {
      const app = await applications().create({ name: 'Contract RTC', rtcEventUrl: 'https://example.com/rtc/events', rtcEventMethod: 'POST', publicKey: keys.publicKey });
      assert.ok(app.id);
      assert.equal(app.name, 'Contract RTC');
      assert.equal(app.keys?.public_key, keys.publicKey);
      assert.equal(app.keys?.private_key, undefined);
      assert.deepEqual(app.capabilities?.rtc?.webhooks?.event_url, { address: 'https://example.com/rtc/events', http_method: 'POST' });
      answered(201);
    });

    it('create without a key: the private key comes once, in the 201 only', async () => {
      const client = applications();
      const app = await client.create({ name: 'Contract generated key', voiceAnswerUrl: 'https://example.com/answer', voiceEventUrl: 'https://example.com/event' });
      assert.match(app.keys?.private_key ?? '', /BEGIN PRIVATE KEY/);
      const again = await client.get(app.id);
      assert.equal(again.keys?.private_key, undefined);
      assert.equal(again.keys?.public_key, app.keys?.public_key);
      assert.ok(!JSON.stringify(await client.list()).includes('PRIVATE KEY'));
      answered(201, 200, 200);
    });

    it('list walks every page (page/page_size), page 1 then the rest', async () => {
      // Seeded directly (not through Prism): the listing is what is under test.
      const seeded = sandbox.seedApplications(23, keys.publicKey);
      const listed = await applications(undefined, 10).list();
      assert.deepEqual(listed.map((a) => a.id), seeded.map((a) => a.id));
      assert.deepEqual(sandbox.requests.map((r) => r.path).sort(), [1, 2, 3].map((p) => `/v2/applications?page_size=10&page=${p}`));
      answered(200, 200, 200);
    });

    it('list of an empty account', async () => {
      assert.deepEqual(await applications().list(), []);
    });

    it('get, and a rename that keeps the capabilities', async () => {
      const client = applications();
      const created = await client.create({ name: 'Before', rtcEventUrl: 'https://example.com/rtc', publicKey: keys.publicKey });
      const got = await client.get(created.id);
      assert.equal(got.name, 'Before');
      const renamed = await client.rename(created.id, 'After');
      assert.equal(renamed.name, 'After');
      assert.equal(renamed.capabilities?.rtc?.webhooks?.event_url?.address, 'https://example.com/rtc', 'the RTC event URL is kept');
      assert.equal(renamed.capabilities?.voice, undefined);
      answered(201, 200, 200, 200);
    });

    it('rename: GET then PUT of the application as returned, only the name changed', async () => {
      const client = applications();
      const created = await client.create({ name: 'Before rename', rtcEventUrl: 'https://example.com/rtc', rtcEventMethod: 'GET', voiceAnswerUrl: 'https://example.com/answer', publicKey: keys.publicKey });
      const renamed = await client.rename(created.id, 'After rename');
      assert.equal(renamed.name, 'After rename');
      assert.deepEqual(renamed.capabilities, created.capabilities);
      assert.equal(renamed.keys?.public_key, keys.publicKey);
      assert.deepEqual(sandbox.requests.map((r) => `${r.method} ${r.status}`), ['POST 201', 'GET 200', 'PUT 200']);
    });

    it('delete: 204, then 404 in the documented error shape', async () => {
      const client = applications();
      const created = await client.create({ name: 'Doomed', publicKey: keys.publicKey });
      await client.delete(created.id);
      const e = await rejection(client.get(created.id));
      assert.equal(e.kind, 'notFound');
      assert.equal(e.status, 404);
      assert.equal(e.title, 'Not Found');
      answered(201, 204, 404);
    });

    it('a wrong secret: 401 in the documented shape', async () => {
      const e = await rejection(applications('wrong-secret').verifyCredentials());
      assert.equal(e.kind, 'unauthorized');
      assert.equal(e.status, 401);
      assert.equal(e.title, 'Invalid credentials supplied');
      answered(401);
    });

    it('a page_size out of range: 400 list-validation with invalid_parameters', async () => {
      const e = await rejection(http(appsProxy!).request({
        method: 'GET', path: '/v2/applications', query: { page_size: 101, page: 1 },
        auth: { kind: 'basic', apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret },
      }));
      assert.equal(e.status, 400);
      assert.deepEqual(e.invalidParameters.map((p) => p.name), ['page_size']);
      answered(400);
    });
  });

  describe('Edit Application: capability updates (application.v2.rooted.yml)', () => {
    const everything = {
      rtc: { eventUrl: 'https://example.com/rtc', eventMethod: 'GET', signedCallbacks: true },
      voice: { answerUrl: 'https://example.com/answer', answerMethod: 'POST', fallbackAnswerUrl: 'https://example.com/fallback', eventUrl: 'https://example.com/event', eventMethod: 'POST', region: 'eu-west', signedCallbacks: true, conversationsTtl: 48 },
      messages: { inboundUrl: 'https://example.com/inbound', statusUrl: 'https://example.com/status', version: 'v0.1' },
    };

    it('add every capability: GET, then one PUT that the document accepts, and the API returns them', async () => {
      const client = applications();
      const created = await client.create({ name: 'Capabilities', publicKey: keys.publicKey });
      const updated = await client.update(created.id, { capabilities: everything });
      assert.equal(updated.capabilities?.voice?.region, 'eu-west');
      assert.equal(updated.capabilities?.voice?.webhooks?.answer_url?.http_method, 'POST');
      assert.equal((updated.capabilities?.messages as { version?: string }).version, 'v0.1');
      assert.equal(updated.capabilities?.rtc?.signed_callbacks, true);
      assert.equal(updated.keys?.public_key, keys.publicKey, 'the key pair is kept');
      assert.deepEqual(sandbox.requests.map((r) => `${r.method} ${r.status}`), ['POST 201', 'GET 200', 'PUT 200']);
    });

    it('change one URL and remove a capability: the rest goes back as read; apps update renames in the same PUT', async () => {
      const client = applications();
      const created = await client.create({ name: 'Before', publicKey: keys.publicKey });
      const full = await client.update(created.id, { capabilities: everything });
      const changed = await client.update(created.id, { name: 'After', capabilities: { rtc: { eventUrl: 'https://example.com/rtc2' }, messages: null } });
      assert.equal(changed.name, 'After');
      assert.equal(changed.capabilities?.messages, undefined);
      assert.equal(changed.capabilities?.rtc?.webhooks?.event_url?.address, 'https://example.com/rtc2');
      assert.deepEqual(changed.capabilities?.voice, full.capabilities?.voice);
    });

    it('a region the API refuses (sent past the core): 400 payload-validation naming it', async () => {
      const created = await applications().create({ name: 'Bad region', publicKey: keys.publicKey });
      const e = await rejection(applications().put(created.id, { name: 'Bad region', capabilities: { voice: { webhooks: { answer_url: { address: 'https://example.com/a', http_method: 'GET' }, event_url: { address: 'https://example.com/e', http_method: 'POST' } }, region: 'mars' } } }, created));
      assert.equal(e.status, 400);
      assert.deepEqual(e.invalidParameters.map((p) => p.name), ['capabilities.voice.region']);
    });

    it('a PUT to an application deleted elsewhere: 404 in the documented shape', async () => {
      const client = applications();
      const created = await client.create({ name: 'Gone', publicKey: keys.publicKey });
      await client.delete(created.id);
      const e = await rejection(client.update(created.id, { capabilities: everything }));
      assert.equal(e.kind, 'notFound');
    });
  });

  describe('the Edit as JSON schema and the voice regions, against the document', () => {
    const docText = () => fs.readFileSync(path.join(docsDir, APPLICATIONS_DOC), 'utf8');

    it('media/schemas/application.schema.json is exactly the PUT body of the document plus the listed extensions', () => {
      assert.equal(fs.readFileSync(SCHEMA_FILE, 'utf8'), schemaText(docText()), 'out of date: run npm run schema');
    });

    it('every extension is absent from the document\'s PUT body (none overrides what the document says)', () => {
      const put = putBodySchema(docText());
      for (const ext of EXTENSIONS) {
        if (ext.path === 'keys') continue; // replaced on purpose: the editor never shows keys
        assert.equal(propertyAt(put, ext.path), undefined, `${ext.path} is in the document now: take it from there`);
      }
      assert.ok(propertyAt(put, 'keys.public_key'), 'the document lets PUT carry the public key (the editor keeps it)');
    });

    it('every webhook address the document declares must be an http(s) URL in the schema, as the prompts and the API require', () => {
      const declared = webhookAddressPaths(putBodySchema(docText()));
      assert.deepEqual(declared, [
        'capabilities.voice.webhooks.answer_url.address', 'capabilities.voice.webhooks.fallback_answer_url.address', 'capabilities.voice.webhooks.event_url.address',
        'capabilities.rtc.webhooks.event_url.address', 'capabilities.messages.webhooks.inbound_url.address', 'capabilities.messages.webhooks.status_url.address',
      ]);
      const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
      for (const path of declared) assert.equal(propertyAt(schema, path)?.pattern, '^https?://', path);
      const pattern = new RegExp(String(WEBHOOK_ADDRESS.pattern));
      assert.ok(pattern.test('https://example.com/rtc') && pattern.test('http://localhost:3000/e') && !pattern.test('example.com/rtc') && !pattern.test('ftp://e.example'));
    });

    it('the voice regions: the document lists none; if it ever does, the core, sandbox and schema must use its list', () => {
      const region = propertyAt(putBodySchema(docText()), 'capabilities.voice.region');
      const listed = region?.enum as string[] | undefined;
      if (listed) assert.deepEqual([...VOICE_REGIONS].sort(), [...listed].sort());
      else assert.equal(region, undefined);
      assert.deepEqual(SANDBOX_VOICE_REGIONS, [...VOICE_REGIONS]);
      const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>;
      assert.deepEqual(propertyAt(schema, 'capabilities.voice.region')?.enum, [...VOICE_REGIONS]);
    });
  });

  describe('users (users.v1-prefixed-from-v0.3.yml)', () => {
    let appId: string;
    beforeEach(() => {
      [{ id: appId }] = sandbox.seedApplications(1, keys.publicKey);
    });

    it('create, get, update (PATCH), delete, then 404', async () => {
      const client = users(appId);
      const alice = await client.create({ name: 'alice', displayName: 'Alice' });
      assert.match(alice.id, /^USR-/);
      assert.equal(alice.display_name, 'Alice');
      assert.equal((await client.get(alice.id)).name, 'alice');
      const renamed = await client.update(alice.id, { name: 'alice2', displayName: 'Alice Two' });
      assert.equal(renamed.name, 'alice2');
      await client.delete(alice.id);
      const e = await rejection(client.get(alice.id));
      assert.equal(e.kind, 'notFound');
      assert.equal(e.code, 'user:error:not-found');
      answered(201, 200, 200, 204, 404);
    });

    it('list pages by cursor (_links.next.href), page by page and all at once', async () => {
      const seeded = sandbox.seedUsers(appId, 7);
      const client = users(appId, keys.privateKey, 3);
      const p1 = await client.listPage();
      assert.equal(p1.users.length, 3);
      assert.ok(p1.nextCursor);
      const p2 = await client.listPage({ cursor: p1.nextCursor });
      const p3 = await client.listPage({ cursor: p2.nextCursor });
      assert.equal(p3.nextCursor, undefined);
      assert.deepEqual([...p1.users, ...p2.users, ...p3.users].map((u) => u.id), seeded.map((u) => u.id));
      assert.deepEqual((await client.listAll()).map((u) => u.name), seeded.map((u) => u.name));
      assert.ok(sandbox.requests.every((r) => r.status === 200));
    });

    it('a duplicate name: 409 user:error:duplicate-name', async () => {
      const client = users(appId);
      await client.create({ name: 'bob' });
      const e = await rejection(client.create({ name: 'bob' }));
      assert.equal(e.kind, 'conflict');
      assert.equal(e.code, 'user:error:duplicate-name');
      answered(201, 409);
    });

    it('a token signed with another key: 401 system:error:invalid-token', async () => {
      const other = await generateKeyPair();
      const e = await rejection(users(appId, other.privateKey).listPage());
      assert.equal(e.kind, 'unauthorized');
      assert.equal(e.code, 'system:error:invalid-token');
      answered(401);
    });

    it('Edit User: PATCH with image_url and properties.custom_data, only what changed', async () => {
      const client = users(appId);
      const bob = await client.create({ name: 'bob', displayName: 'Bob' });
      const updated = await client.update(bob.id, { imageUrl: 'https://example.com/bob.png', customData: { team: 'blue' } });
      assert.equal(updated.display_name, 'Bob', 'not sent, kept');
      assert.equal(updated.image_url, 'https://example.com/bob.png');
      assert.deepEqual((updated.properties as { custom_data?: unknown }).custom_data, { team: 'blue' });
      answered(201, 200);
    });

    it('Find User: the name filter (users list --name) finds exactly that user', async () => {
      sandbox.seedUsers(appId, 5, 'member');
      const client = users(appId);
      const found = await client.findByName('member-3');
      assert.equal(found?.name, 'member-3');
      assert.equal(await client.findByName('member-9'), undefined);
      assert.match(sandbox.requests[0].path, /[?&]name=member-3(&|$)/);
      answered(200, 200);
    });

    it('an unknown id on PATCH and DELETE: 404', async () => {
      const client = users(appId);
      assert.equal((await rejection(client.update('USR-nope', { displayName: 'x' }))).status, 404);
      assert.equal((await rejection(client.delete('USR-nope'))).status, 404);
      answered(404, 404);
    });
  });
});
