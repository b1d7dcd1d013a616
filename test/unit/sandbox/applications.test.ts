// The sandbox's Applications API v2: Basic auth, CRUD, pagination, the once-only private key, error bodies.
/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-explicit-any -- raw JSON response bodies are checked field by field */
import * as assert from 'node:assert/strict';
import * as crypto from 'crypto';
import { startSandbox, VonageSandbox } from '../../sandbox';
import { adminToken, basic, bearer, call, keyPair, Pair, RTC_APP } from './helpers';

describe('sandbox: applications API', () => {
  let sb: VonageSandbox;
  let pair: Pair;

  before(async () => {
    pair = keyPair();
    sb = await startSandbox();
  });
  after(() => sb.stop());
  beforeEach(() => sb.reset());

  const apps = (method: string, path: string, body?: unknown, headers = basic(sb)) => call(sb.url, method, path, { headers, body });

  function assertBadCredentials(r: { status: number; json: any }) {
    assert.equal(r.status, 401);
    assert.deepEqual(Object.keys(r.json).sort(), ['detail', 'instance', 'title', 'type']);
    assert.equal(r.json.title, 'Invalid credentials supplied');
    assert.match(r.json.type, /unauthorized/);
  }

  describe('auth', () => {
    it('rejects a missing Authorization header with the documented 401 body', async () => {
      assertBadCredentials(await call(sb.url, 'GET', '/v2/applications'));
    });
    it('rejects a wrong secret, a wrong key and a Bearer token', async () => {
      assertBadCredentials(await apps('GET', '/v2/applications', undefined, basic(sb, sb.apiKey, 'nope')));
      assertBadCredentials(await apps('GET', '/v2/applications', undefined, basic(sb, 'other', sb.apiSecret)));
      assertBadCredentials(await apps('POST', '/v2/applications', RTC_APP, bearer('abc.def.ghi')));
      assert.equal(sb.applications().length, 0, 'a rejected create must not create anything');
    });
    it('accepts custom credentials given at start', async () => {
      const other = await startSandbox({ apiKey: 'k1', apiSecret: 's1' });
      try {
        assert.equal((await call(other.url, 'GET', '/v2/applications', { headers: basic(other, 'k1', 's1') })).status, 200);
        assert.equal((await call(other.url, 'GET', '/v2/applications', { headers: basic(other, 'sandbox-key', 'sandbox-secret') })).status, 401);
      } finally {
        await other.stop();
      }
    });
  });

  describe('create', () => {
    it('generates a key pair when no public key is sent and returns the private key only in the 201', async () => {
      const r = await apps('POST', '/v2/applications', RTC_APP);
      assert.equal(r.status, 201);
      assert.match(r.json.id, /^[0-9a-f-]{36}$/);
      assert.equal(r.json.name, RTC_APP.name);
      assert.deepEqual(r.json.capabilities, RTC_APP.capabilities);
      const priv: string = r.json.keys.private_key;
      const pub: string = r.json.keys.public_key;
      assert.match(priv, /^-{5}BEGIN PRIVATE KEY-{5}\n/);
      assert.equal(crypto.createPublicKey(priv).export({ type: 'spki', format: 'pem' }), pub, 'the pair must match');

      const got = await apps('GET', `/v2/applications/${r.json.id}`);
      assert.equal(got.status, 200);
      assert.equal(got.json.keys.public_key, pub);
      assert.equal(got.json.keys.private_key, undefined, 'GET never returns the private key');
      const list = await apps('GET', '/v2/applications');
      assert.ok(!list.text.includes('PRIVATE KEY'), 'the list never returns a private key');
      const put = await apps('PUT', `/v2/applications/${r.json.id}`, { name: 'renamed' });
      assert.ok(!put.text.includes('PRIVATE KEY'), 'PUT never returns a private key');
      assert.ok(!JSON.stringify(sb.applications()).includes('PRIVATE KEY'));
      assert.equal(sb.storedApplication(r.json.id)!.publicKey, pub);
    });

    it('keeps a public key it is given and returns no private key', async () => {
      const r = await apps('POST', '/v2/applications', { ...RTC_APP, keys: { public_key: pair.publicKey } });
      assert.equal(r.status, 201);
      assert.equal(r.json.keys.public_key, pair.publicKey);
      assert.equal(r.json.keys.private_key, undefined);
      assert.equal(sb.storedApplication(r.json.id)!.publicKey, pair.publicKey);
    });

    it('answers 400 with invalid_parameters for a missing name, a bad method and a bad key', async () => {
      const r = await apps('POST', '/v2/applications', {
        capabilities: { rtc: { webhooks: { event_url: { address: 'https://example.com', http_method: 'PATCH' } }, leg_persistence_time: 40 } },
        keys: { public_key: pair.privateKey },
      });
      assert.equal(r.status, 400);
      assert.match(r.json.type, /application#payload-validation$/);
      assert.equal(r.json.title, 'Bad Request');
      assert.ok(r.json.instance);
      assert.deepEqual(r.json.invalid_parameters.map((p: { name: string }) => p.name).sort(), [
        'capabilities.rtc.leg_persistence_time', 'capabilities.rtc.webhooks.event_url.http_method', 'keys.public_key', 'name',
      ]);
      assert.equal(sb.applications().length, 0);
    });

    it('answers 400 for a body that is not JSON and 415 for a non-JSON content type', async () => {
      const bad = await apps('POST', '/v2/applications', '{not json');
      assert.equal(bad.status, 400);
      assert.ok(Array.isArray(bad.json.invalid_parameters));
      const r = await call(sb.url, 'POST', '/v2/applications', { headers: { ...basic(sb), 'Content-Type': 'text/plain' }, body: JSON.stringify(RTC_APP) });
      assert.equal(r.status, 415);
      assert.equal(r.json.title, 'Unsupported Content-Type header');
    });

    it('answers 406 to an Accept header that excludes JSON and 405 to an unknown method', async () => {
      assert.equal((await apps('GET', '/v2/applications', undefined, { ...basic(sb), Accept: 'text/html' })).status, 406);
      const r = await apps('PATCH', '/v2/applications', RTC_APP);
      assert.equal(r.status, 405);
      assert.equal(r.json.title, 'Request method not allowed');
    });
  });

  describe('list and pagination', () => {
    it('pages with page/page_size in the HAL shape', async () => {
      sb.seedApplications(25, pair.publicKey);
      const r = await apps('GET', '/v2/applications?page_size=10&page=3');
      assert.equal(r.status, 200);
      assert.equal(r.json.page_size, 10);
      assert.equal(r.json.page, 3);
      assert.equal(r.json.total_items, 25);
      assert.equal(r.json.total_pages, 3);
      assert.equal(r.json._embedded.applications.length, 5);
      assert.equal(r.json._links.self.href, '/v2/applications?page_size=10&page=3');
      assert.equal(r.json._links.next, undefined, 'no next link on the last page');
      assert.equal(r.json._links.prev.href, '/v2/applications?page_size=10&page=2');

      const first = await apps('GET', '/v2/applications?page_size=10');
      assert.equal(first.json.page, 1);
      assert.equal(first.json._links.next.href, '/v2/applications?page_size=10&page=2');
      const ids = new Set<string>();
      for (let p = 1; p <= 3; p++) {
        for (const a of (await apps('GET', `/v2/applications?page_size=10&page=${p}`)).json._embedded.applications) ids.add(a.id);
      }
      assert.equal(ids.size, 25, 'every application exactly once across the pages');
    });

    it('defaults to page 1 of 10 and answers an empty account and a page past the end', async () => {
      const empty = await apps('GET', '/v2/applications');
      assert.deepEqual({ ...empty.json, _links: undefined }, { page_size: 10, page: 1, total_items: 0, total_pages: 0, _embedded: { applications: [] }, _links: undefined });
      sb.seedApplications(3, pair.publicKey);
      const past = await apps('GET', '/v2/applications?page=9');
      assert.equal(past.status, 200);
      assert.deepEqual(past.json._embedded.applications, []);
    });

    for (const [query, name] of [['page_size=0', 'page_size'], ['page_size=101', 'page_size'], ['page_size=abc', 'page_size'], ['page=0', 'page'], ['page=-1', 'page']]) {
      it(`rejects ${query} with a 400 list-validation naming ${name}`, async () => {
        const r = await apps('GET', `/v2/applications?${query}`);
        assert.equal(r.status, 400);
        assert.match(r.json.type, /application#list-validation$/);
        assert.equal(r.json.invalid_parameters[0].name, name);
      });
    }
    it('accepts the bounds page_size=1 and page_size=100', async () => {
      sb.seedApplications(2, pair.publicKey);
      assert.equal((await apps('GET', '/v2/applications?page_size=1')).json.total_pages, 2);
      assert.equal((await apps('GET', '/v2/applications?page_size=100')).json._embedded.applications.length, 2);
    });
  });

  describe('get, update, delete', () => {
    it('answers 404 in the documented shape for an unknown id', async () => {
      for (const method of ['GET', 'PUT', 'DELETE']) {
        const r = await apps(method, '/v2/applications/nope', method === 'PUT' ? { name: 'x' } : undefined);
        assert.equal(r.status, 404, method);
        assert.deepEqual(Object.keys(r.json).sort(), ['detail', 'instance', 'title', 'type']);
        assert.equal(r.json.title, 'Not Found');
        assert.match(r.json.detail, /'nope'/);
      }
    });

    it('PUT replaces name and capabilities and may replace the public key', async () => {
      const created = (await apps('POST', '/v2/applications', { ...RTC_APP, keys: { public_key: pair.publicKey } })).json;
      const other = keyPair();
      const voice = { voice: { webhooks: { answer_url: { address: 'https://example.com/answer', http_method: 'GET' } } } };
      const r = await apps('PUT', `/v2/applications/${created.id}`, { name: 'Renamed', capabilities: voice, keys: { public_key: other.publicKey } });
      assert.equal(r.status, 200);
      assert.equal(r.json.name, 'Renamed');
      assert.deepEqual(r.json.capabilities, voice, 'rtc is gone: PUT replaces');
      assert.equal(r.json.keys.public_key, other.publicKey);
      assert.equal((await apps('PUT', `/v2/applications/${created.id}`, { capabilities: {} })).status, 400, 'name is required');
      // Tokens now verify against the new key only.
      const users = (token: string) => call(sb.url, 'GET', '/v1/users', { headers: bearer(token) });
      assert.equal((await users(adminToken(created.id, other.privateKey))).status, 200);
      assert.equal((await users(adminToken(created.id, pair.privateKey))).status, 401);
    });

    it('POST and PUT keep arbitrary capabilities and their fields as given (messages, vbc, verify, voice extras, rtc extras)', async () => {
      const caps = {
        voice: {
          webhooks: {
            answer_url: { address: 'https://example.com/answer', http_method: 'POST', connection_timeout: 500 },
            fallback_answer_url: { address: 'https://example.com/fallback', http_method: 'GET' },
          },
          signed_callbacks: true, region: 'eu-west', conversations_ttl: 48,
        },
        rtc: { webhooks: { event_url: { address: 'https://example.com/rtc', http_method: 'GET' } }, signed_callbacks: true, leg_persistence_time: 7 },
        messages: { webhooks: { inbound_url: { address: 'https://example.com/in', http_method: 'POST' } }, version: 'v1' },
        vbc: {},
        verify: { webhooks: { status_url: { address: 'https://example.com/v', http_method: 'POST' } }, version: 'v2' },
      };
      const created = await apps('POST', '/v2/applications', { name: 'Rich', capabilities: caps, privacy: { improve_ai: true }, keys: { public_key: pair.publicKey } });
      assert.equal(created.status, 201);
      assert.deepEqual(created.json.capabilities, caps);
      assert.deepEqual((await apps('GET', `/v2/applications/${created.json.id}`)).json.capabilities, caps);
      const changed = { ...caps, messages: { webhooks: { status_url: { address: 'https://example.com/st', http_method: 'POST' } } } };
      const put = await apps('PUT', `/v2/applications/${created.json.id}`, { name: 'Rich 2', capabilities: changed, privacy: { improve_ai: true } });
      assert.equal(put.status, 200);
      assert.deepEqual(put.json.capabilities, changed);
      assert.deepEqual(sb.storedApplication(created.json.id)!.application.capabilities, changed);
      assert.deepEqual(put.json.privacy, { improve_ai: true });
    });

    it('DELETE answers 204, removes the application and its users', async () => {
      const [app] = sb.seedApplications(1, pair.publicKey);
      sb.seedUsers(app.id, 3);
      const r = await apps('DELETE', `/v2/applications/${app.id}`);
      assert.equal(r.status, 204);
      assert.equal(r.text, '');
      assert.equal((await apps('GET', `/v2/applications/${app.id}`)).status, 404);
      assert.deepEqual(sb.users(app.id), []);
      const token = adminToken(app.id, pair.privateKey);
      assert.equal((await call(sb.url, 'GET', '/v1/users', { headers: bearer(token) })).status, 401, 'a deleted application has no users API');
    });
  });
});
