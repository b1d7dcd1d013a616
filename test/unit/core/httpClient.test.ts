import * as assert from 'node:assert/strict';
import {
  MAX_RETRY_AFTER_SECONDS, VonageApiError, VonageHttpClient, VonageInputError, isCancellation, isDefiniteRejection,
  normalizeBaseUrl, parseRetryAfter, userAgent,
} from '../../../src/vonage';
import { client, json, localServer, scriptedFetch } from './helpers';

const basic = { kind: 'basic' as const, apiKey: 'key123', apiSecret: 'S3cr3t-Value' };
const bearer = { kind: 'bearer' as const, token: 'eyJhbGciOi.TOKEN-BODY.SIGNATURE' };

async function rejection(p: Promise<unknown>): Promise<VonageApiError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof VonageApiError, `expected VonageApiError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the request to fail');
}

function assertNoSecrets(e: VonageApiError) {
  for (const text of [e.message, e.url, JSON.stringify(e)]) {
    assert.ok(!text.includes(basic.apiSecret), `secret leaked: ${text}`);
    assert.ok(!text.includes(bearer.token), `token leaked: ${text}`);
    assert.ok(!text.includes(Buffer.from(`${basic.apiKey}:${basic.apiSecret}`).toString('base64')), `auth header leaked: ${text}`);
  }
}

describe('core: base URLs', () => {
  it('defaults to https://api.nexmo.com', () => {
    const http = new VonageHttpClient({ userAgent: 'x' });
    assert.equal(http.baseUrl, 'https://api.nexmo.com');
  });

  it('normalizeBaseUrl trims and strips trailing slashes', () => {
    assert.equal(normalizeBaseUrl('  https://api-eu.vonage.com/ \n'), 'https://api-eu.vonage.com');
    assert.equal(normalizeBaseUrl('http://127.0.0.1:3100//'), 'http://127.0.0.1:3100');
  });

  for (const [text, why] of [
    ['', /empty/],
    ['   ', /empty/],
    ['api.nexmo.com', /not a URL/],
    ['ftp://api.nexmo.com', /https:\/\//],
    ['https://user:pw@api.nexmo.com', /user name or password/],
    ['https://api.nexmo.com?x=1', /query/],
  ] as const) {
    it(`normalizeBaseUrl rejects ${JSON.stringify(text)} saying why`, () => {
      assert.throws(() => normalizeBaseUrl(text), (e: unknown) => e instanceof VonageInputError && why.test(e.message) && e.field === 'baseUrl');
    });
  }
});

describe('core: HTTP requests', () => {
  it('sends Basic auth, User-Agent, Accept, JSON body and the query (undefined values dropped)', async () => {
    const f = scriptedFetch(json(201, { id: 'a1' }));
    const { http } = client(f);
    const out = await http.request<{ id: string }>({ method: 'POST', path: '/v2/applications', query: { a: 1, b: undefined, c: 'x y' }, body: { name: 'n' }, auth: basic });
    assert.deepEqual(out, { id: 'a1' });
    const c = f.calls[0];
    assert.equal(c.url, 'https://api.example.test/v2/applications?a=1&c=x+y');
    assert.equal(c.method, 'POST');
    assert.equal(c.headers.Authorization, `Basic ${Buffer.from('key123:S3cr3t-Value').toString('base64')}`);
    assert.equal(c.headers['User-Agent'], 'vonage-credentials-vscode/test');
    assert.equal(c.headers.Accept, 'application/json');
    assert.equal(c.headers['Content-Type'], 'application/json');
    assert.deepEqual(JSON.parse(c.body!), { name: 'n' });
  });

  it('sends the Bearer token for users calls and no body or Content-Type on a GET', async () => {
    const f = scriptedFetch(json(200, {}));
    await client(f).http.request({ method: 'GET', path: 'v1/users', auth: bearer });
    assert.equal(f.calls[0].headers.Authorization, `Bearer ${bearer.token}`);
    assert.equal(f.calls[0].body, undefined);
    assert.equal(f.calls[0].headers['Content-Type'], undefined);
    assert.equal(f.calls[0].url, 'https://api.example.test/v1/users');
  });

  it('returns undefined for 204 and for an empty 200', async () => {
    const { http } = client(scriptedFetch({ status: 204 }, { status: 200, body: '' }));
    assert.equal(await http.request({ method: 'DELETE', path: '/v2/applications/x', auth: basic }), undefined);
    assert.equal(await http.request({ method: 'GET', path: '/x', auth: basic }), undefined);
  });

  it('userAgent names the extension, its version and Node', () => {
    assert.equal(userAgent('1.2.3'), `vonage-credentials-vscode/1.2.3 node/${process.version}`);
  });
});

describe('core: API errors', () => {
  it('401 with Basic auth: kind unauthorized, an actionable message, status and title, no secret anywhere', async () => {
    const f = scriptedFetch(json(401, { type: 'https://developer.nexmo.com/api-errors#unauthorized', title: 'Invalid credentials supplied', detail: 'You did not provide correct credentials.' }));
    const e = await rejection(client(f).http.request({ method: 'GET', path: '/v2/applications', query: { page: 1 }, auth: basic }));
    assert.equal(e.kind, 'unauthorized');
    assert.equal(e.status, 401);
    assert.equal(e.title, 'Invalid credentials supplied');
    assert.equal(e.message, 'Vonage rejected the API key or secret (401). Check them in the dashboard settings and set them again.');
    assert.equal(e.method, 'GET');
    assert.equal(e.url, 'https://api.example.test/v2/applications?page=1');
    assert.equal(f.calls.length, 1, '401 is not retried');
    assertNoSecrets(e);
  });

  it('401 with a Bearer token points at the private key and carries the API code', async () => {
    const f = scriptedFetch(json(401, { title: 'Unauthorized.', type: 'https://developer.nexmo.com/api/conversation#system:error:invalid-token', code: 'system:error:invalid-token', detail: 'You did not provide a valid token. Please provide a valid token.' }));
    const e = await rejection(client(f).http.request({ method: 'GET', path: '/v1/users', auth: bearer }));
    assert.equal(e.kind, 'unauthorized');
    assert.equal(e.code, 'system:error:invalid-token');
    assert.match(e.message, /private key belongs to this application/);
    assertNoSecrets(e);
  });

  it('400 carries each invalid_parameters entry and names them in the message', async () => {
    const f = scriptedFetch(json(400, {
      type: 'https://developer.nexmo.com/api-errors/application#payload-validation', title: 'Bad Request',
      detail: 'The request failed due to validation errors',
      invalid_parameters: [{ name: 'capabilities.voice.webhooks.answer_url.http_method', reason: 'must be one of: GET, POST' }, { name: 'name', reason: 'is required' }],
    }));
    const e = await rejection(client(f).http.request({ method: 'POST', path: '/v2/applications', body: {}, auth: basic }));
    assert.equal(e.kind, 'invalid');
    assert.equal(e.detail, 'The request failed due to validation errors');
    assert.deepEqual(e.invalidParameters, [
      { name: 'capabilities.voice.webhooks.answer_url.http_method', reason: 'must be one of: GET, POST' },
      { name: 'name', reason: 'is required' },
    ]);
    assert.match(e.message, /answer_url\.http_method: must be one of: GET, POST; name: is required/);
  });

  it('reads the users API code from `code`, or from the `type` anchor when `code` is absent', async () => {
    const f = scriptedFetch(
      json(404, { title: 'Not found.', code: 'user:error:not-found', detail: 'User does not exist, or you do not have access.' }),
      json(409, { title: 'Conflict.', type: 'https://developer.nexmo.com/api/conversation#user:error:duplicate-name' }),
    );
    const { http } = client(f);
    const nf = await rejection(http.request({ method: 'GET', path: '/v1/users/USR-1', auth: bearer }));
    assert.equal(nf.kind, 'notFound');
    assert.equal(nf.code, 'user:error:not-found');
    assert.equal(nf.message, 'Vonage could not find the user (404): User does not exist, or you do not have access. It may have been deleted; refresh and try again.');
    const c = await rejection(http.request({ method: 'POST', path: '/v1/users', body: {}, auth: bearer }));
    assert.equal(c.kind, 'conflict');
    assert.equal(c.code, 'user:error:duplicate-name');
    assert.equal(c.message, 'Vonage reported a conflict (409): Conflict: it clashes with something that already exists or changed meanwhile. Refresh, check the values and try again.', 'no "choose another name" where the cause is unknown');
  });

  for (const [status, kind] of [[403, 'forbidden'], [405, 'http'], [422, 'invalid'], [500, 'server']] as const) {
    it(`${status} becomes kind ${kind}`, async () => {
      const f = scriptedFetch(json(status, { title: 'T', detail: 'D' }));
      const e = await rejection(client(f).http.request({ method: 'GET', path: '/x', auth: basic }));
      assert.equal(e.kind, kind);
      assert.equal(e.status, status);
    });
  }

  it('an HTML error page gets its own message naming the HTML, not a JSON parse error', async () => {
    const f = scriptedFetch({ status: 404, body: '<!DOCTYPE html><html><body>Not Found</body></html>', headers: { 'content-type': 'text/html' } });
    const e = await rejection(client(f).http.request({ method: 'GET', path: '/v2/applications', auth: basic }));
    assert.equal(e.kind, 'notFound');
    assert.match(e.message, /answered 404 with an HTML page instead of a Vonage error/);
    assert.match(e.message, /base URL/);
  });

  it('a 200 that is not JSON is kind badResponse with a message about the base URL', async () => {
    const f = scriptedFetch({ status: 200, body: '<html>captive portal</html>', headers: { 'content-type': 'text/html' } });
    const e = await rejection(client(f).http.request({ method: 'GET', path: '/v2/applications', auth: basic }));
    assert.equal(e.kind, 'badResponse');
    assert.match(e.message, /answered 200 with an HTML page instead of JSON/);
    const f2 = scriptedFetch({ status: 200, body: 'OK', headers: { 'content-type': 'text/plain' } });
    const e2 = await rejection(client(f2).http.request({ method: 'GET', path: '/x', auth: basic }));
    assert.match(e2.message, /a body that is not JSON/);
  });
});

describe('core: retries', () => {
  it('retries a GET on 503, 502, 504 and 429, then returns the answer', async () => {
    const f = scriptedFetch(json(503, {}), json(502, {}), json(504, {}), json(200, { ok: true }));
    const { http, sleeps } = client(f);
    assert.deepEqual(await http.request({ method: 'GET', path: '/x', auth: basic }), { ok: true });
    assert.equal(f.calls.length, 4);
    assert.equal(sleeps.length, 3);
    sleeps.forEach((ms, i) => assert.ok(ms >= 0 && ms <= 100 * 2 ** i, `backoff ${i} = ${ms} within 0..${100 * 2 ** i}`));
  });

  it('backs off with jitter: delays of the same step differ between runs', async () => {
    const seen = new Set<number>();
    for (let i = 0; i < 10; i++) {
      const { http, sleeps } = client(scriptedFetch(json(503, {}), json(503, {}), json(503, {}), json(200, {})));
      await http.request({ method: 'GET', path: '/x', auth: basic });
      seen.add(sleeps[2]);
    }
    assert.ok(seen.size > 1, 'jittered');
  });

  it('gives up after maxRetries and throws the last error', async () => {
    const f = scriptedFetch(json(503, { title: 'Service Unavailable' }));
    const { http } = client(f, { maxRetries: 2 });
    const e = await rejection(http.request({ method: 'GET', path: '/x', auth: basic }));
    assert.equal(f.calls.length, 3);
    assert.equal(e.kind, 'server');
    assert.match(e.message, /server error \(503\).*Try again/);
  });

  it('does not retry a 500 (not in the retryable set)', async () => {
    const f = scriptedFetch(json(500, {}), json(200, {}));
    await rejection(client(f).http.request({ method: 'GET', path: '/x', auth: basic }));
    assert.equal(f.calls.length, 1);
  });

  it('honours Retry-After in seconds', async () => {
    const f = scriptedFetch(json(429, {}, { 'Retry-After': '2' }), json(200, {}));
    const { http, sleeps } = client(f);
    await http.request({ method: 'GET', path: '/x', auth: basic });
    assert.deepEqual(sleeps, [2000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const date = new Date(Date.now() + 3000).toUTCString();
    const f = scriptedFetch(json(429, {}, { 'Retry-After': date }), json(200, {}));
    const { http, sleeps } = client(f);
    await http.request({ method: 'GET', path: '/x', auth: basic });
    assert.equal(sleeps.length, 1);
    assert.ok(sleeps[0] >= 1000 && sleeps[0] <= 4000, `slept ${sleeps[0]}`);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:50 GMT')), 10);
    assert.equal(parseRetryAfter('soon'), undefined);
  });

  it(`does not block on a Retry-After longer than ${MAX_RETRY_AFTER_SECONDS}s: it says how long to wait`, async () => {
    const f = scriptedFetch(json(429, {}, { 'Retry-After': '120' }), json(200, {}));
    const { http, sleeps } = client(f);
    const e = await rejection(http.request({ method: 'GET', path: '/x', auth: basic }));
    assert.equal(e.kind, 'rateLimited');
    assert.equal(e.retryAfterSeconds, 120);
    assert.match(e.message, /Wait 120 seconds and try again/);
    assert.deepEqual(sleeps, []);
    assert.equal(f.calls.length, 1);
  });

  for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
    it(`never retries a ${method} (on 503, 429 or a reset)`, async () => {
      for (const step of [json(503, {}), json(429, {}, { 'Retry-After': '1' }), { throws: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) }]) {
        const f = scriptedFetch(step, json(200, {}));
        await rejection(client(f).http.request({ method, path: '/x', body: {}, auth: basic }));
        assert.equal(f.calls.length, 1);
      }
    });
  }

  it('retries a GET after a connection reset', async () => {
    const f = scriptedFetch({ throws: Object.assign(new Error('request failed, reason: socket hang up'), { code: 'ECONNRESET' }) }, json(200, { ok: 1 }));
    assert.deepEqual(await client(f).http.request({ method: 'GET', path: '/x', auth: basic }), { ok: 1 });
    assert.equal(f.calls.length, 2);
  });
});

describe('core: timeouts and cancellation', () => {
  const hang = (_c: unknown, signal: AbortSignal) =>
    new Promise<never>((_r, reject) => signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))));

  it('a call that takes longer than timeoutMs fails with kind timeout and its own message', async () => {
    const f = scriptedFetch(hang);
    const { http } = client(f, { timeoutMs: 30 });
    const e = await rejection(http.request({ method: 'GET', path: '/v2/applications', auth: basic }));
    assert.equal(e.kind, 'timeout');
    assert.match(e.message, /did not answer within 0\.03 seconds \(GET api\.example\.test\/v2\/applications\)/);
    assert.equal(isCancellation(e), false);
  });

  it("the caller's abort ends the call as kind cancelled (isCancellation true), not as a timeout", async () => {
    const f = scriptedFetch(hang);
    const { http } = client(f, { timeoutMs: 5000 });
    const ac = new AbortController();
    const p = http.request({ method: 'GET', path: '/x', auth: basic, signal: ac.signal });
    setTimeout(() => ac.abort(), 10);
    const e = await rejection(p);
    assert.equal(e.kind, 'cancelled');
    assert.ok(isCancellation(e));
  });

  it('an already-aborted signal sends nothing', async () => {
    const f = scriptedFetch(json(200, {}));
    const ac = new AbortController();
    ac.abort();
    const e = await rejection(client(f).http.request({ method: 'GET', path: '/x', auth: basic, signal: ac.signal }));
    assert.equal(e.kind, 'cancelled');
    assert.equal(f.calls.length, 0);
  });

  it('an abort during the backoff wait stops the retries', async () => {
    const ac = new AbortController();
    const f = scriptedFetch(json(503, {}), json(200, {}));
    const http = new VonageHttpClient({
      baseUrl: 'https://api.example.test', userAgent: 't', fetch: f,
      sleep: () => {
        ac.abort();
        return Promise.reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      },
    });
    const e = await rejection(http.request({ method: 'GET', path: '/x', auth: basic, signal: ac.signal }));
    assert.equal(e.kind, 'cancelled');
    assert.equal(f.calls.length, 1);
  });

  it('isCancellation is false for other errors', () => {
    assert.equal(isCancellation(new Error('x')), false);
    assert.equal(isCancellation(new VonageApiError({ kind: 'server', message: 'm', method: 'GET', url: 'u' })), false);
    assert.equal(isCancellation(undefined), false);
  });
});

describe('core: real sockets (node-fetch against 127.0.0.1)', () => {
  let server: Awaited<ReturnType<typeof localServer>>;
  let hits = 0;
  let seenHeaders: Record<string, string | string[] | undefined> = {};
  before(async () => {
    server = await localServer((req, res) => {
      hits++;
      seenHeaders = req.headers;
      if (req.url!.startsWith('/reset')) return req.socket.destroy();
      if (req.url!.startsWith('/hang')) return; // never answers
      if (req.url!.startsWith('/html')) {
        res.writeHead(502, { 'content-type': 'text/html' });
        return res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url }));
    });
  });
  after(() => server.close());
  beforeEach(() => (hits = 0));

  const real = (timeoutMs = 2000) =>
    new VonageHttpClient({ baseUrl: server.url, userAgent: userAgent('9.9.9'), timeoutMs, sleep: () => Promise.resolve() });

  it('round-trips JSON with the User-Agent on the wire', async () => {
    assert.deepEqual(await real().request({ method: 'GET', path: '/ok', query: { page: 2 }, auth: basic }), { path: '/ok?page=2' });
    assert.match(String(seenHeaders['user-agent']), /^vonage-credentials-vscode\/9\.9\.9 node\/v\d+/);
  });

  it('a connection reset: GET retried, then a clear "reset" network error', async () => {
    const e = await rejection(real().request({ method: 'GET', path: '/reset', auth: basic }));
    assert.equal(e.kind, 'network');
    assert.match(e.message, /connection to 127\.0\.0\.1:\d+ was reset before Vonage answered/);
    assert.equal(hits, 4, 'one try and three retries');
    assertNoSecrets(e);
  });

  it('a connection reset on a POST is reported once, not retried', async () => {
    const e = await rejection(real().request({ method: 'POST', path: '/reset', body: { name: 'x' }, auth: basic }));
    assert.equal(e.kind, 'network');
    assert.equal(hits, 1);
  });

  it('a server that never answers hits the timeout', async () => {
    const t0 = Date.now();
    const e = await rejection(real(150).request({ method: 'GET', path: '/hang', auth: basic }));
    assert.equal(e.kind, 'timeout');
    assert.ok(Date.now() - t0 < 1500);
  });

  it('an HTML 502 from a proxy: retried, then a message naming the HTML page', async () => {
    const e = await rejection(real().request({ method: 'GET', path: '/html', auth: basic }));
    assert.equal(e.kind, 'server');
    assert.equal(e.status, 502);
    assert.match(e.message, /answered 502 with an HTML page/);
    assert.equal(hits, 4);
  });

  it('a refused connection says so', async () => {
    const http = new VonageHttpClient({ baseUrl: 'http://127.0.0.1:1', userAgent: 't', maxRetries: 0 });
    const e = await rejection(http.request({ method: 'GET', path: '/x', auth: basic }));
    assert.equal(e.kind, 'network');
    assert.match(e.message, /connection was refused/);
  });

  it('the caller can cancel a real request in flight', async () => {
    const ac = new AbortController();
    const p = real(5000).request({ method: 'GET', path: '/hang', auth: basic, signal: ac.signal });
    setTimeout(() => ac.abort(), 30);
    const e = await rejection(p);
    assert.equal(e.kind, 'cancelled');
  });
});

describe('core: definite rejections of a write', () => {
  const err = (kind: VonageApiError['kind'], status?: number) => new VonageApiError({ kind, status, message: 'x', method: 'POST', url: 'https://h/v2/applications' });
  it('an input error and a 4xx answer mean the write was not carried out', () => {
    assert.equal(isDefiniteRejection(new VonageInputError('bad', 'name')), true);
    for (const [kind, status] of [['invalid', 400], ['unauthorized', 401], ['forbidden', 403], ['notFound', 404], ['conflict', 409], ['http', 405], ['http', 415]] as const) {
      assert.equal(isDefiniteRejection(err(kind, status)), true, `${kind} ${status}`);
    }
  });
  it('a timeout, network failure, 5xx, unreadable answer, 408/429 or cancel leave the outcome unknown', () => {
    for (const [kind, status] of [['timeout', undefined], ['network', undefined], ['server', 500], ['server', 503], ['badResponse', 200], ['badResponse', 404], ['rateLimited', 429], ['http', 408], ['cancelled', undefined]] as const) {
      assert.equal(isDefiniteRejection(err(kind, status)), false, `${kind} ${String(status)}`);
    }
    assert.equal(isDefiniteRejection(new Error('boom')), false);
    assert.equal(isDefiniteRejection(undefined), false);
  });
});
