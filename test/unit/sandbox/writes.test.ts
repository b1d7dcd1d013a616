// The writes issue 9 relies on: PUT with every capability (and the values Vonage refuses), users PATCH with
// image_url and properties.custom_data, and fault injection on PUT and PATCH (including "done, answer lost").
/* eslint-disable @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-explicit-any -- raw JSON response bodies are checked field by field */
import * as assert from 'node:assert/strict';
import { startSandbox, VonageSandbox } from '../../sandbox';
import { adminToken, basic, bearer, call, keyPair, Pair, RTC_APP } from './helpers';

const EVERY_CAPABILITY = {
  rtc: { webhooks: { event_url: { address: 'https://e.example/rtc', http_method: 'GET' } }, signed_callbacks: true, leg_persistence_time: 5 },
  voice: {
    webhooks: {
      answer_url: { address: 'https://e.example/answer', http_method: 'POST', connection_timeout: 500, socket_timeout: 3000 },
      fallback_answer_url: { address: 'https://e.example/fallback', http_method: 'GET' },
      event_url: { address: 'https://e.example/event', http_method: 'POST' },
    },
    region: 'apac-sng', signed_callbacks: false, conversations_ttl: 72,
  },
  messages: { webhooks: { inbound_url: { address: 'https://e.example/in', http_method: 'POST' }, status_url: { address: 'https://e.example/st', http_method: 'POST' } }, version: 'v0.1' },
  vbc: {},
};

describe('sandbox: the writes of Edit Application and Edit User', () => {
  let sb: VonageSandbox;
  let pair: Pair;
  let appId: string;

  before(async () => {
    pair = keyPair();
    sb = await startSandbox();
  });
  after(() => sb.stop());
  beforeEach(async () => {
    sb.reset();
    appId = (await call(sb.url, 'POST', '/v2/applications', { headers: basic(sb), body: { ...RTC_APP, keys: { public_key: pair.publicKey } } })).json.id;
  });

  const put = (body: unknown) => call(sb.url, 'PUT', `/v2/applications/${appId}`, { headers: basic(sb), body });
  const users = (method: string, path: string, body?: unknown) => call(sb.url, method, path, { headers: bearer(adminToken(appId, pair.privateKey)), body });

  it('PUT keeps every capability as sent and GET returns it', async () => {
    const r = await put({ name: 'Everything', capabilities: EVERY_CAPABILITY, privacy: { improve_ai: true } });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.capabilities, EVERY_CAPABILITY);
    assert.deepEqual((await call(sb.url, 'GET', `/v2/applications/${appId}`, { headers: basic(sb) })).json.capabilities, EVERY_CAPABILITY);
    assert.equal(sb.storedApplication(appId)!.publicKey, pair.publicKey, 'the key pair stays when no key is sent');
  });

  const refused: [string, Record<string, unknown>, string][] = [
    ['a region not in the list', { voice: { ...EVERY_CAPABILITY.voice, region: 'mars' } }, 'capabilities.voice.region'],
    ['a TTL over 744 hours', { voice: { ...EVERY_CAPABILITY.voice, conversations_ttl: 745 } }, 'capabilities.voice.conversations_ttl'],
    ['voice signed_callbacks as text', { voice: { ...EVERY_CAPABILITY.voice, signed_callbacks: 'yes' } }, 'capabilities.voice.signed_callbacks'],
    ['a messages version v2', { messages: { ...EVERY_CAPABILITY.messages, version: 'v2' } }, 'capabilities.messages.version'],
    ['a webhook method PUT', { rtc: { webhooks: { event_url: { address: 'https://e.example/rtc', http_method: 'PUT' } } } }, 'capabilities.rtc.webhooks.event_url.http_method'],
  ];
  for (const [what, capabilities, name] of refused) {
    it(`PUT refuses ${what} with 400 payload-validation naming ${name}, and changes nothing`, async () => {
      const before = sb.applications();
      const r = await put({ name: 'Bad', capabilities });
      assert.equal(r.status, 400);
      assert.match(r.json.type, /payload-validation/);
      assert.deepEqual(r.json.invalid_parameters.map((p: any) => p.name), [name]);
      assert.deepEqual(sb.applications(), before);
    });
  }

  it('PATCH sets image_url and properties.custom_data and keeps the rest', async () => {
    const alice = (await users('POST', '/v1/users', { name: 'alice', display_name: 'Alice' })).json;
    const r = await users('PATCH', `/v1/users/${alice.id}`, { image_url: 'https://e.example/a.png', properties: { custom_data: { team: 'blue' } } });
    assert.equal(r.status, 200);
    assert.equal(r.json.display_name, 'Alice');
    assert.equal(r.json.image_url, 'https://e.example/a.png');
    assert.deepEqual(r.json.properties, { custom_data: { team: 'blue' } });
    assert.deepEqual(sb.users(appId)[0].properties, { custom_data: { team: 'blue' } });
  });

  it('PATCH refuses custom_data that is not an object, and an image_url that is not a URL', async () => {
    const alice = (await users('POST', '/v1/users', { name: 'alice' })).json;
    const r = await users('PATCH', `/v1/users/${alice.id}`, { image_url: 'not a url', properties: { custom_data: [1] } });
    assert.equal(r.status, 400);
    assert.equal(r.json.code, 'http:error:validation-fail');
    assert.deepEqual(r.json.invalid_parameters.map((p: any) => p.name).sort(), ['image_url', 'properties.custom_data']);
    assert.equal(sb.users(appId)[0].image_url, undefined);
  });

  it('a 503 on PUT and PATCH changes nothing; resetAfter on PUT makes the change and loses the answer', async () => {
    const alice = (await users('POST', '/v1/users', { name: 'alice' })).json;
    sb.failNext(1, { status: 503 }, { method: 'PUT' });
    sb.failNext(1, { status: 503 }, { method: 'PATCH' });
    assert.equal((await put({ name: 'Not applied', capabilities: EVERY_CAPABILITY })).status, 503);
    assert.equal((await users('PATCH', `/v1/users/${alice.id}`, { display_name: 'Not applied' })).status, 503);
    assert.equal(sb.applications()[0].name, RTC_APP.name);
    assert.equal(sb.users(appId)[0].display_name, undefined);

    sb.failNext(1, { kind: 'resetAfter' }, { method: 'PUT' });
    await assert.rejects(put({ name: 'Applied, answer lost', capabilities: EVERY_CAPABILITY }));
    assert.equal(sb.applications()[0].name, 'Applied, answer lost');
    assert.deepEqual(sb.requests.filter((r) => r.method === 'PUT').map((r) => r.status), [503, 0]);
  });

  it('an injected 409 answers in each API\'s shape and changes nothing', async () => {
    const alice = (await users('POST', '/v1/users', { name: 'alice' })).json;
    sb.failNext(1, { status: 409 }, { method: 'PUT' });
    sb.failNext(1, { status: 409 }, { method: 'PATCH' });
    const put409 = await put({ name: 'Conflicted', capabilities: EVERY_CAPABILITY });
    assert.equal(put409.status, 409);
    assert.deepEqual(Object.keys(put409.json).sort(), ['detail', 'instance', 'title', 'type']);
    const patch409 = await users('PATCH', `/v1/users/${alice.id}`, { display_name: 'Conflicted' });
    assert.equal(patch409.status, 409);
    assert.equal(patch409.json.code, 'system:error:conflict');
    assert.equal(sb.applications()[0].name, RTC_APP.name);
  });

  it('a second account on the host sees only its own applications; the first one\'s are a 404 to it', async () => {
    sb.addAccount('client-key', 'client-secret');
    const client = basic(sb, 'client-key', 'client-secret');
    const mine = await call(sb.url, 'POST', '/v2/applications', { headers: client, body: { ...RTC_APP, name: 'Client app', keys: { public_key: pair.publicKey } } });
    assert.equal(mine.status, 201);
    assert.deepEqual((await call(sb.url, 'GET', '/v2/applications', { headers: client })).json._embedded.applications.map((a: any) => a.name), ['Client app']);
    assert.deepEqual((await call(sb.url, 'GET', '/v2/applications', { headers: basic(sb) })).json._embedded.applications.map((a: any) => a.name), [RTC_APP.name]);
    assert.equal((await call(sb.url, 'GET', `/v2/applications/${appId}`, { headers: client })).status, 404);
    assert.equal((await call(sb.url, 'PUT', `/v2/applications/${appId}`, { headers: client, body: { name: 'Taken over' } })).status, 404);
    assert.equal((await call(sb.url, 'GET', '/v2/applications', { headers: basic(sb, 'client-key', 'wrong') })).status, 401);
    sb.reset();
    assert.equal((await call(sb.url, 'GET', '/v2/applications', { headers: client })).status, 401, 'reset forgets added accounts');
  });
});
