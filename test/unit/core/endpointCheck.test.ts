// Check Token Endpoint's core: one call to a real local server (refused, too slow, a redirect, a huge
// answer), the verdict on the answer's shape (status, JSON, token, cacheability), and on the token for
// the Client SDK (the lens's verdict, sub, an ACL covering the SDK's paths, the answer's exp).
import * as assert from 'node:assert/strict';
import * as http from 'http';
import type { AddressInfo } from 'net';
import {
  CLIENT_SDK_ACL, callTokenEndpoint, decodeAnswerToken, endpointTokenProblems, endpointUrl, globCovers, judgeToken, readTokenReply, shownUrl,
  uncoveredClientSdkPaths, type EndpointReply,
} from '../../../src/vonage';

const SHOWN = 'POST http://127.0.0.1:3000/api/vonage/token';
const reply = (over: Partial<EndpointReply>): EndpointReply => ({ status: 200, statusText: 'OK', contentType: 'application/json', cacheControl: 'no-store', body: '{}', ...over });

describe('endpoint check: the answer', () => {
  it('a token in JSON, not cacheable: the token and no problem', () => {
    assert.deepEqual(readTokenReply(reply({ body: '{"token":"a.b.c","exp":123}' }), SHOWN), { token: 'a.b.c', exp: 123, problems: [] });
    assert.equal(readTokenReply(reply({ body: '{"jwt":"a.b.c"}', cacheControl: 'private, no-store' }), SHOWN).token, 'a.b.c', 'jwt is a token too');
  });

  // Each with the check that failed: its name is what the log gets (the sentence may quote the answer).
  const refusals: [string, Partial<EndpointReply>, string, string][] = [
    ['401 problem JSON', { status: 401, statusText: 'Unauthorized', contentType: 'application/problem+json', body: '{"title":"Unauthorized","detail":"Sign in first."}' },
      `${SHOWN} answered 401 Unauthorized (Unauthorized: Sign in first.), not a token. Send what your sign-in expects (a Cookie or Authorization header) with the check.`, 'status'],
    ['500 without a body', { status: 500, statusText: 'Internal Server Error', body: '' }, `${SHOWN} answered 500 Internal Server Error, not a token. The server's log says why.`, 'status'],
    ['a redirect to a sign-in page', { status: 302, statusText: 'Found', location: '/login?next=%2Fapi' },
      `${SHOWN} answered 302 Found, a redirect to /login?next=%2Fapi: a token endpoint answers the request itself (an app asking for a token does not follow a redirect to a sign-in page).`, 'status'],
    ['an HTML page', { contentType: 'text/html; charset=utf-8', body: '<!doctype html><h1>Welcome</h1>' },
      `${SHOWN} answered 200 with an HTML page, not JSON: a token endpoint answers JSON such as {"token": "<JWT>", "exp": <seconds since 1970>}.`, 'json'],
    ['JSON without a token', { body: '{"user":"alice","ok":true}' },
      `${SHOWN} answered 200 JSON without a token (it has the fields user, ok): a token endpoint answers JSON such as {"token": "<JWT>", "exp": <seconds since 1970>}.`, 'token'],
    ['a JSON array', { body: '["a.b.c"]' }, `${SHOWN} answered 200 JSON without a token (it has a JSON array): a token endpoint answers JSON such as {"token": "<JWT>", "exp": <seconds since 1970>}.`, 'token'],
  ];
  for (const [name, over, sentence, check] of refusals) {
    it(`${name}: one sentence, no token; the check "${check}" failed`, () => assert.deepEqual(readTokenReply(reply(over), SHOWN), { problems: [{ check, sentence }] }));
  }

  it('a cacheable answer and a wrong Content-Type are problems beside the token', () => {
    const r = readTokenReply(reply({ contentType: 'text/plain', cacheControl: 'public, max-age=60', body: '{"token":"a.b.c"}' }), SHOWN);
    assert.equal(r.token, 'a.b.c');
    assert.deepEqual(r.problems, [
      { check: 'contentType', sentence: 'Its Content-Type is text/plain; a JSON answer says application/json.' },
      { check: 'cacheControl', sentence: 'Its answer may be cached: Cache-Control is "public, max-age=60", so a browser or a proxy could keep the token and hand it to someone else. Send Cache-Control: no-store.' },
    ]);
    assert.match(readTokenReply(reply({ cacheControl: undefined, body: '{"token":"a.b.c"}' }), SHOWN).problems[0].sentence, /Cache-Control is not set/);
  });

  it('a token that is no JWT: one sentence that says so once', () => {
    assert.deepEqual(decodeAnswerToken('not-a-token'), { problem: { check: 'jwt', sentence: 'The answer\'s token is not a JWT: a JWT has three parts separated by dots, this has 1.' } });
    assert.deepEqual(decodeAnswerToken('%%%.e30.sig'), { problem: { check: 'jwt', sentence: 'The answer\'s token is not a JWT: its header is not base64url text.' } });
    const good = decodeAnswerToken('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln');
    assert.ok('decoded' in good && good.decoded.claims.sub === 'alice');
  });
});

describe('endpoint check: the token', () => {
  const T = 1_900_000_000;
  const claims = (over: Record<string, unknown> = {}) => ({ application_id: 'app', sub: 'alice', acl: CLIENT_SDK_ACL, iat: T, exp: T + 3600, jti: 'j1', ...over });
  const judged = (c: Record<string, unknown>, answerExp: unknown = c.exp, now = T * 1000) =>
    endpointTokenProblems(c, judgeToken({ header: { alg: 'RS256' }, claims: c }, 'verified', now), answerExp);
  const problems = (...args: Parameters<typeof judged>) => judged(...args).map((p) => p.sentence);

  it('a token the Client SDK logs in with: no problem', () => assert.deepEqual(problems(claims()), []));

  it('each reason, in its own sentence', () => {
    assert.deepEqual(problems(claims({ exp: T + 2 * 86400 })), ['It lives 48 hours; Vonage accepts at most 24.']);
    assert.deepEqual(problems(claims({ jti: undefined })), ['It has no jti (a unique token id); Vonage requires one.']);
    assert.match(problems(claims({ acl: undefined }))[0], /^It has no acl: a Client SDK token carries the Client SDK's ACL/);
    assert.deepEqual(problems(claims({ acl: { paths: { '/*/users/**': {}, '/*/conversations/**': {} } } })), [
      'Its ACL does not cover /*/sessions/**, /*/devices/**, /*/image/**, /*/media/**, /*/applications/**, /*/push/**, /*/knocking/**, /*/legs/**: the Client SDK calls them, and Vonage refuses what the ACL does not allow.',
    ]);
    assert.deepEqual(problems(claims({ sub: undefined })), ['It has no sub: a Client SDK token names the Vonage user it logs in as.']);
    assert.deepEqual(problems(claims(), T + 60), [`The answer's exp (${T + 60}) is not the token's (${T + 3600}): an app that refreshes by it refreshes at the wrong time.`]);
    assert.deepEqual(problems(claims(), T + 3600, (T + 7200) * 1000), ['It has expired already: the endpoint gives out tokens that Vonage rejects.']);
    assert.deepEqual(problems({ sub: 'alice', iat: T, exp: T + 60 }), ['The token has no application_id, so it is not a Vonage token: the Client SDK cannot log in with it.']);
  });

  it('each problem names the check that failed, for the log', () => {
    const checks = (c: Record<string, unknown>, answerExp?: unknown, now?: number) => judged(c, answerExp ?? c.exp, now).map((p) => p.check);
    assert.deepEqual(checks(claims({ exp: T + 2 * 86400, jti: undefined })), ['noJti', 'lifetime']);
    assert.deepEqual(checks(claims({ acl: undefined, sub: undefined })), ['sub', 'acl']);
    assert.deepEqual(checks(claims(), T + 60), ['answerExp']);
    assert.deepEqual(checks(claims(), T + 3600, (T + 7200) * 1000), ['expired']);
    assert.deepEqual(checks({ sub: 'alice', iat: T, exp: T + 60 }), ['applicationId']);
  });

  it('an ACL covers the Client SDK\'s paths with broader globs too (/** and /*/users/**), not with narrower ones', () => {
    assert.deepEqual(uncoveredClientSdkPaths({ paths: { '/**': {} } }), []);
    assert.deepEqual(uncoveredClientSdkPaths({ paths: { '/v1/users/**': {}, ...Object.fromEntries(Object.keys(CLIENT_SDK_ACL.paths).slice(1).map((p) => [p, {}])) } }), ['/*/users/**']);
    assert.equal(uncoveredClientSdkPaths(undefined), undefined);
    const table: [string, string, boolean][] = [
      ['/**', '/*/users/**', true], ['/*/users/**', '/*/users/**', true], ['/*/*/**', '/*/users/**', true], ['/v1/users/**', '/*/users/**', false],
      ['/*/users/*', '/*/users/**', false], ['/*/users', '/*/users/**', false], ['/*/users/**', '/*/users', false],
    ];
    for (const [general, specific, want] of table) assert.equal(globCovers(general, specific), want, `${general} covers ${specific}`);
  });
});

describe('endpoint check: one call', () => {
  let server: http.Server;
  let base: string;
  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/redirect') { res.writeHead(302, { Location: '/login' }).end(); return; }
      if (req.url === '/slow') return; // never answers
      if (req.url === '/huge') { res.writeHead(200, { 'Content-Type': 'application/json' }).end('x'.repeat(3 * 1024 * 1024)); return; }
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString(); }).on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify({ method: req.method, auth: req.headers.authorization, body }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the method, the headers and the body, and gives the answer as it came', async () => {
    const outcome = await callTokenEndpoint({ url: `${base}/token`, method: 'POST', headers: { Authorization: 'Bearer s3ssion' }, body: '{}' }, { fetch, timeoutMs: 5000 });
    assert.ok(outcome.reached);
    assert.deepEqual(JSON.parse(outcome.reply.body), { method: 'POST', auth: 'Bearer s3ssion', body: '{}' });
    assert.equal(outcome.reply.cacheControl, 'no-store');
  });

  it('a redirect is not followed: the 302 and its Location come back', async () => {
    const outcome = await callTokenEndpoint({ url: `${base}/redirect`, method: 'POST', headers: {} }, { fetch, timeoutMs: 5000 });
    assert.ok(outcome.reached && outcome.reply.status === 302 && outcome.reply.location === '/login');
  });

  it('a refused connection and no answer in time: one sentence each, without the query string', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    assert.deepEqual(await callTokenEndpoint({ url: `http://127.0.0.1:${port}/api/vonage/token?session=secret`, method: 'POST', headers: {} }, { fetch, timeoutMs: 5000 }),
      { reached: false, sentence: `Could not reach POST http://127.0.0.1:${port}/api/vonage/token: the connection was refused (is the server running, on that port?).` });
    assert.deepEqual(await callTokenEndpoint({ url: `${base}/slow`, method: 'POST', headers: {} }, { fetch, timeoutMs: 300 }),
      { reached: false, sentence: `Could not reach POST ${base}/slow: it did not answer within 300 ms (vonage.requestTimeoutSeconds).` });
  });

  it('a port fetch refuses (1, 6000: the Fetch standard\'s blocked ports) is said in words, with what to do', async () => {
    for (const port of [1, 6000]) {
      assert.deepEqual(await callTokenEndpoint({ url: `http://127.0.0.1:${port}/api/vonage/token`, method: 'POST', headers: {} }, { fetch, timeoutMs: 5000 }), {
        reached: false,
        sentence: `Could not reach POST http://127.0.0.1:${port}/api/vonage/token: port ${port} is one that browsers and Node refuse to call (the Fetch standard blocks it: another protocol uses it), so no app could get a token there. Serve the endpoint on another port, e.g. 3000.`,
      });
    }
  });

  it('reads at most 1 MB of an answer', async () => {
    const outcome = await callTokenEndpoint({ url: `${base}/huge`, method: 'GET', headers: {} }, { fetch, timeoutMs: 5000 });
    assert.ok(outcome.reached);
    assert.equal(outcome.reply.body.length, 1024 * 1024);
  });

  it('a URL that is not http(s) is refused before anything is sent; credentials and query never shown', () => {
    assert.throws(() => endpointUrl('localhost:3000/token'), /^VonageInputError: The endpoint's URL must start with http:\/\/ or https:\/\/, not localhost:\/\/\.$/);
    assert.throws(() => endpointUrl('not a url'), /is not a URL/);
    assert.equal(shownUrl(endpointUrl('https://user:pw@example.com/t?key=1')), 'https://example.com/t');
  });
});
