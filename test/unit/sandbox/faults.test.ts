// The sandbox's fault injection, latency, request log, control endpoints and stop().
import * as assert from 'node:assert/strict';
import { startSandbox, VonageSandbox } from '../../sandbox';
import { basic, call, keyPair, Pair, RTC_APP } from './helpers';

describe('sandbox: faults, latency, log and control', () => {
  let sb: VonageSandbox;
  let pair: Pair;

  before(async () => {
    pair = keyPair();
    sb = await startSandbox();
  });
  after(() => sb.stop());
  beforeEach(() => sb.reset());

  const list = () => call(sb.url, 'GET', '/v2/applications', { headers: basic(sb) });

  it('429 carries Retry-After (given, or 1 s by default) and the throttled body', async () => {
    sb.failNext(1, { status: 429, retryAfterSeconds: 7 });
    sb.failNext(1, { status: 429 });
    const r = await list();
    assert.equal(r.status, 429);
    assert.equal(r.headers['retry-after'], '7');
    assert.equal(r.json.title, 'Too many requests');
    assert.equal((await list()).headers['retry-after'], '1');
    assert.equal((await list()).status, 200, 'faults are used up');
  });

  for (const status of [500, 502, 503, 504] as const) {
    it(`${status} answers a JSON error body (users paths get the users error shape)`, async () => {
      sb.failNext(2, { status });
      const apps = await list();
      assert.equal(apps.status, status);
      assert.match(String(apps.headers['content-type']), /application\/json/);
      assert.ok(apps.json.title && apps.json.type && apps.json.detail);
      const users = await call(sb.url, 'GET', '/v1/users');
      assert.equal(users.status, status);
      assert.equal(users.json.code, 'system:error:internal-error');
    });
  }

  it('count and match limit which requests fail', async () => {
    sb.failNext(2, { status: 503 }, { method: 'post', pathPrefix: '/v2/applications' });
    assert.equal((await list()).status, 200, 'GET does not match');
    const post = () => call(sb.url, 'POST', '/v2/applications', { headers: basic(sb), body: { ...RTC_APP, keys: { public_key: pair.publicKey } } });
    assert.equal((await post()).status, 503);
    assert.equal((await post()).status, 503);
    assert.equal((await post()).status, 201);
    assert.equal(sb.applications().length, 1, 'a failed request changes nothing');
  });

  it('reset destroys the socket without an answer', async () => {
    sb.failNext(1, { kind: 'reset' });
    await assert.rejects(list(), (e: NodeJS.ErrnoException) => e.code === 'ECONNRESET' || /socket hang up/.test(e.message));
    assert.equal(sb.requests[0].status, 0);
    assert.equal((await list()).status, 200);
  });

  it('resetAfter processes the request (the application IS created) and then resets the socket', async () => {
    sb.failNext(1, { kind: 'resetAfter' }, { method: 'POST' });
    const post = call(sb.url, 'POST', '/v2/applications', { headers: basic(sb), body: { ...RTC_APP, keys: { public_key: pair.publicKey } } });
    await assert.rejects(post, (e: NodeJS.ErrnoException) => e.code === 'ECONNRESET' || /socket hang up/.test(e.message));
    assert.equal(sb.applications().length, 1, 'the work was done');
    assert.equal(sb.storedApplication(sb.applications()[0].id)!.publicKey, pair.publicKey);
    assert.deepEqual(sb.requests.map((r) => [r.method, r.status]), [['POST', 0]]);
    assert.equal((await list()).status, 200, 'used up');
  });

  it('hangAfter processes the request and then never answers', async () => {
    sb.failNext(1, { kind: 'hangAfter' });
    const post = call(sb.url, 'POST', '/v2/applications', { headers: basic(sb), body: { ...RTC_APP, keys: { public_key: pair.publicKey } }, timeoutMs: 300 });
    await assert.rejects(post, /client timeout|socket hang up/);
    assert.equal(sb.applications().length, 1, 'the work was done');
    assert.equal(sb.requests[0].status, 0);
  });

  it('resetAfter and hangAfter are accepted by the control endpoint; a rejected request (400) still changes nothing', async () => {
    const r = await call(sb.url, 'POST', '/_sandbox/faults', { body: { count: 1, fault: { kind: 'hangAfter' } } });
    assert.ok(r.status >= 200 && r.status < 300, r.text);
    sb.clearFaults();
    sb.failNext(1, { kind: 'resetAfter' });
    await assert.rejects(call(sb.url, 'POST', '/v2/applications', { headers: basic(sb), body: { capabilities: {} } }));
    assert.equal(sb.applications().length, 0);
  });

  it('html answers a text/html gateway page (502 by default, or the status given)', async () => {
    sb.failNext(1, { kind: 'html' });
    sb.failNext(1, { kind: 'html', status: 504 });
    const r = await list();
    assert.equal(r.status, 502);
    assert.match(String(r.headers['content-type']), /^text\/html/);
    assert.match(r.text, /<h1>502 Bad Gateway<\/h1>/);
    assert.equal((await list()).status, 504);
  });

  it('hang never answers; stop() still closes promptly', async () => {
    const own = await startSandbox();
    own.failNext(1, { kind: 'hang' });
    const hung = call(own.url, 'GET', '/v2/applications', { headers: basic(own) });
    const outcome = hung.then(() => 'answered', () => 'closed');
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(own.requests.length, 1);
    assert.equal(own.requests[0].status, 0);
    const started = Date.now();
    await own.stop();
    assert.ok(Date.now() - started < 500, `stop took ${Date.now() - started} ms`);
    assert.equal(await outcome, 'closed');
  });

  it('stop() closes idle keep-alive sockets and pending latency', async () => {
    const own = await startSandbox({ latencyMs: 10_000 });
    const slow = call(own.url, 'GET', '/v2/applications', { headers: basic(own) }).then(() => 'answered', () => 'closed');
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await own.stop();
    assert.ok(Date.now() - started < 500);
    assert.equal(await slow, 'closed');
    await assert.rejects(call(own.url, 'GET', '/v2/applications'), 'nothing listens any more');
  });

  it('setLatency delays every API request', async () => {
    sb.setLatency(120);
    const t0 = Date.now();
    await list();
    assert.ok(Date.now() - t0 >= 110, `took ${Date.now() - t0} ms`);
    sb.setLatency(0);
    assert.throws(() => sb.setLatency(-1));
  });

  it('rejects bad faults and counts', () => {
    assert.throws(() => sb.failNext(0, { status: 503 }), /count/);
    assert.throws(() => sb.failNext(1, { status: 418 } as never), /status/);
    assert.throws(() => sb.failNext(1, { kind: 'explode' } as never), /kind/);
  });

  it('clearFaults and reset() drop pending faults; reset empties state and the log', async () => {
    sb.failNext(5, { status: 500 });
    sb.clearFaults();
    assert.equal((await list()).status, 200);
    sb.seedApplications(2, pair.publicKey);
    sb.failNext(5, { status: 500 });
    sb.reset();
    assert.deepEqual(sb.applications(), []);
    assert.equal(sb.requests.length, 0);
    assert.equal((await list()).status, 200);
  });

  it('logs method, path and status, never auth headers', async () => {
    await list();
    await call(sb.url, 'GET', '/v2/applications?page=2', { headers: basic(sb, sb.apiKey, 'wrong') });
    assert.deepEqual(sb.requests, [
      { method: 'GET', path: '/v2/applications', status: 200 },
      { method: 'GET', path: '/v2/applications?page=2', status: 401 },
    ]);
    assert.ok(!JSON.stringify(sb.requests).includes(sb.apiSecret));
  });

  describe('HTTP control endpoints', () => {
    const ctl = (method: string, path: string, body?: unknown) => call(sb.url, method, path, { body });

    it('POST /_sandbox/faults queues faults, without auth and without being faulted itself', async () => {
      assert.equal((await ctl('POST', '/_sandbox/faults', { count: 2, fault: { status: 503 }, match: { method: 'GET' } })).status, 204);
      assert.equal((await ctl('GET', '/_sandbox/state')).status, 200, 'control endpoints are never faulted');
      assert.equal((await list()).status, 503);
      assert.equal((await list()).status, 503);
      assert.equal((await list()).status, 200);
      assert.equal((await ctl('POST', '/_sandbox/faults', { fault: { status: 999 } })).status, 400);
      assert.equal((await ctl('POST', '/_sandbox/faults', { count: 1, fault: { kind: 'html' } })).status, 204);
      assert.equal((await ctl('DELETE', '/_sandbox/faults')).status, 204);
      assert.equal((await list()).status, 200);
    });

    it('GET /_sandbox/state, POST /_sandbox/seed, POST /_sandbox/reset', async () => {
      const seeded = await ctl('POST', '/_sandbox/seed', { count: 3, publicKey: pair.publicKey });
      assert.equal(seeded.status, 201);
      assert.equal(seeded.json.applications.length, 3);
      await list();
      const state = await ctl('GET', '/_sandbox/state');
      assert.equal(state.json.applications.length, 3);
      assert.deepEqual(state.json.applications[0].users, []);
      assert.deepEqual(state.json.requests, [{ method: 'GET', path: '/v2/applications', status: 200 }], 'control calls are not logged');
      assert.equal((await ctl('POST', '/_sandbox/reset')).status, 204);
      assert.equal((await ctl('GET', '/_sandbox/state')).json.applications.length, 0);
    });

    it('POST /_sandbox/latency sets the latency; control calls are not delayed', async () => {
      assert.equal((await ctl('POST', '/_sandbox/latency', { ms: 300 })).status, 204);
      let t0 = Date.now();
      assert.equal((await ctl('GET', '/_sandbox/state')).json.latencyMs, 300);
      assert.ok(Date.now() - t0 < 200);
      t0 = Date.now();
      await list();
      assert.ok(Date.now() - t0 >= 290);
      assert.equal((await ctl('POST', '/_sandbox/latency', { ms: 'fast' })).status, 400);
      assert.equal((await ctl('GET', '/_sandbox/nope')).status, 404);
    });
  });

  it('seedApplications is fast enough for benchmarks (1,000 in well under a second)', () => {
    const t0 = Date.now();
    const apps = sb.seedApplications(1000, pair.publicKey);
    assert.equal(apps.length, 1000);
    assert.equal(new Set(apps.map((a) => a.id)).size, 1000);
    assert.ok(Date.now() - t0 < 1000, `took ${Date.now() - t0} ms`);
  });
});
