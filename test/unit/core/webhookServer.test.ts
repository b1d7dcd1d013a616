// The webhook server in plain Node, over real loopback sockets: only /webhooks/<routed app>/<kind> is
// served (any other path 404, any other method 405), on 127.0.0.1 only; answers from the NCCO file, events
// 200, each callback checked and recorded; forwarding (method, path, query, headers, body; the answer as it
// is) and a target that refuses; 401 for unverified callbacks when asked; a port in use.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { VonageInputError } from '../../../src/vonage/errors';
import type { CallbackRecord, CallbackRequest } from '../../../src/vonage/webhooks/callbacks';
import { callbackSummary, callKey, curlCommand } from '../../../src/vonage/webhooks/callbacks';
import { checkedForwardTarget, forward, forwardUrl, probeForwardTarget } from '../../../src/vonage/webhooks/forwarder';
import { nccoFileAnswer } from '../../../src/vonage/webhooks/nccoAnswer';
import { checkSignature, signCallback } from '../../../src/vonage/webhooks/signature';
import { WebhookServer, type WebhookServerOptions } from '../../../src/vonage/webhooks/webhookServer';
import { localServer } from './helpers';

const APP = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';
const SECRET = 'the-signature-secret';
const API_KEY = 'a1b2c3d';

interface Reply { status: number; headers: http.IncomingHttpHeaders; body: string }

function request(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('core: the webhook server', () => {
  let dir: string;
  let server: WebhookServer | undefined;
  let records: CallbackRecord[];
  let reject = false;

  function options(extra: Partial<WebhookServerOptions> = {}): WebhookServerOptions {
    return {
      serves: (id) => id === APP,
      check: (req, authorization) => checkSignature({ ...req, authorization }, { secret: SECRET, apiKey: API_KEY }),
      rejectUnverified: () => reject,
      answer: (req) => nccoFileAnswer(path.join(dir, 'ncco.json'), 'ncco.json', req),
      onCallback: (r) => records.push(r),
      ...extra,
    };
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webhook-server-'));
    records = [];
    reject = false;
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only, on a free port', async () => {
    server = await WebhookServer.start(options());
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const other = os.networkInterfaces();
    const external = Object.values(other).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      await assert.rejects(new Promise<void>((resolve, rejectIt) => {
        const s = net.connect({ host: external.address, port: server!.port }, () => { s.destroy(); resolve(); });
        s.once('error', rejectIt);
      }), /ECONNREFUSED/, `not reachable on ${external.address}`);
    }
  });

  it('an answer request (GET) is answered from the NCCO file, filled from the query; signed callbacks are checked and recorded', async () => {
    fs.writeFileSync(path.join(dir, 'ncco.json'), '[{"action":"talk","text":"Hello {{from_user}}"}]');
    server = await WebhookServer.start(options());
    const query = 'to=447700900001&from_user=alice&uuid=u-1&conversation_uuid=CON-1';
    const jwt = signCallback({ method: 'GET', query, body: '' }, SECRET, API_KEY, APP);
    const res = await request(`${server.url}/webhooks/${APP}/answer?${query}`, { headers: { authorization: `Bearer ${jwt}` } });
    assert.deepEqual([res.status, res.headers['content-type'], res.body], [200, 'application/json', '[{"action":"talk","text":"Hello alice"}]']);
    assert.equal(records.length, 1);
    const [r] = records;
    assert.deepEqual([r.request.kind, r.request.method, r.request.path, r.request.query, r.signature.verdict, r.answer.source], ['answer', 'GET', `/webhooks/${APP}/answer`, query, 'valid', 'ncco-file']);
    assert.equal(r.request.headers.authorization, undefined, 'the token is never kept; its claims are');
    assert.ok(!JSON.stringify(records).includes(jwt.split('.')[2]), 'nowhere in the record');
    assert.equal(r.signature.claims?.application_id, APP);
    assert.equal(callKey({ conversation_uuid: 'CON-1', uuid: 'u-1' }), 'CON-1');
  });

  it('events (voice, rtc) are answered 200 with nothing; an unsigned one says so', async () => {
    server = await WebhookServer.start(options());
    const body = JSON.stringify({ status: 'answered', uuid: 'u-1', conversation_uuid: 'CON-1', from: '447700900000', to: 'alice' });
    const res = await request(`${server.url}/webhooks/${APP}/event`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.deepEqual([res.status, res.body], [200, '']);
    const rtc = await request(`${server.url}/webhooks/${APP}/rtc`, { method: 'POST', body: JSON.stringify({ type: 'member:joined', conversation_id: 'CON-1' }) });
    assert.equal(rtc.status, 200);
    assert.deepEqual(records.map((r) => [r.request.kind, r.signature.verdict, callbackSummary(r.request)]), [
      ['event', 'unsigned', 'answered · +44 7700 900000 → alice'],
      ['rtc', 'unsigned', 'member:joined'],
    ]);
  });

  it('nothing else is served: another path, another application, another kind: 404; another method: 405', async () => {
    server = await WebhookServer.start(options());
    for (const p of ['/', '/webhooks', `/webhooks/${APP}`, `/webhooks/${APP}/answer/x`, `/webhooks/${APP}/status`, '/webhooks/another-app/answer', '/favicon.ico', `/webhooks/${APP}/answer/`, `/Webhooks/${APP}/answer`]) {
      assert.equal((await request(`${server.url}${p}`)).status, 404, p);
    }
    assert.equal((await request(`${server.url}/webhooks/${APP}/answer`, { method: 'DELETE' })).status, 405);
    assert.equal(records.length, 0, 'none of it recorded');
  });

  it('a failure inside the server: 500, saying nothing from inside it (the editor\'s log gets the error)', async () => {
    const failures: unknown[] = [];
    const inside = new Error('EACCES reading /home/dev/.config/secret-store/vonage.db');
    server = await WebhookServer.start(options({ check: () => Promise.reject(inside), onError: (e) => failures.push(e) }));
    const res = await request(`${server.url}/webhooks/${APP}/event`, { method: 'POST', body: '{"status":"ringing"}' });
    assert.equal(res.status, 500);
    assert.deepEqual(JSON.parse(res.body), { title: 'The webhook server failed', detail: 'The editor\'s Vonage log says why.' });
    assert.deepEqual(failures, [inside]);
  });

  it('rejecting unverified callbacks: a bad signature, none, or one that cannot be checked (no secret) is answered 401 with the reason, and recorded', async () => {
    reject = true;
    const key: { secret?: string; apiKey: string } = { apiKey: API_KEY };
    server = await WebhookServer.start(options({ check: (req, authorization) => checkSignature({ ...req, authorization }, { secret: key.secret, apiKey: key.apiKey }) }));
    const unproven = signCallback({ method: 'POST', query: '', body: '{}' }, SECRET, API_KEY);
    const notChecked = await request(`${server.url}/webhooks/${APP}/event`, { method: 'POST', body: '{}', headers: { authorization: `Bearer ${unproven}` } });
    assert.deepEqual([notChecked.status, JSON.parse(notChecked.body).detail], [401, 'Signed, but not checked: no signature secret is set for the account a1b2c3d in this editor (Vonage: Set Signature Secret).']);
    records.length = 0;
    key.secret = SECRET;
    const body = '{"status":"ringing"}';
    const forged = signCallback({ method: 'POST', query: '', body }, 'not-the-secret', API_KEY);
    const res = await request(`${server.url}/webhooks/${APP}/event`, { method: 'POST', body, headers: { authorization: `Bearer ${forged}` } });
    assert.equal(res.status, 401);
    assert.equal(JSON.parse(res.body).detail, 'The signature does not match the signature secret of the account a1b2c3d.');
    assert.equal((await request(`${server.url}/webhooks/${APP}/event`, { method: 'POST', body })).status, 401);
    const good = signCallback({ method: 'POST', query: '', body }, SECRET, API_KEY);
    assert.equal((await request(`${server.url}/webhooks/${APP}/event`, { method: 'POST', body, headers: { authorization: `Bearer ${good}` } })).status, 200);
    assert.deepEqual(records.map((r) => r.answer.source), ['rejected', 'rejected', 'event']);
  });

  it('forwarding: method, path, query, headers (the token too) and body reach the developer\'s server; its answer comes back as it is', async () => {
    const seen: { method?: string; url?: string; headers?: http.IncomingHttpHeaders; body?: string }[] = [];
    const dev = await localServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString(); });
      req.on('end', () => {
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'x-from-dev': 'yes' });
        res.end('[{"action":"talk","text":"from my server"}]');
      });
    });
    try {
      const forwardTo = checkedForwardTarget(`${dev.url}/api`);
      const noAddress = 'Not forwarded: the RTC event URL had no address before it was routed here. Answered here.';
      server = await WebhookServer.start(options({ forwardTo, forwardPath: (req: CallbackRequest) => req.kind === 'rtc' ? { answerHere: noAddress } : { path: `/voice/${req.kind}` } }));
      const body = JSON.stringify({ from_user: 'alice', to: '447700900001' });
      const jwt = signCallback({ method: 'POST', query: 'x=1', body }, SECRET, API_KEY);
      const res = await request(`${server.url}/webhooks/${APP}/answer?x=1`, { method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}`, 'x-custom': 'kept' } });
      assert.deepEqual([res.status, res.headers['content-type'], res.headers['x-from-dev'], res.body], [201, 'application/json; charset=utf-8', 'yes', '[{"action":"talk","text":"from my server"}]']);
      assert.deepEqual([seen[0].method, seen[0].url, seen[0].body], ['POST', '/api/voice/answer?x=1', body]);
      assert.equal(seen[0].headers?.authorization, `Bearer ${jwt}`, 'your server can check the signature too');
      assert.equal(seen[0].headers?.['x-custom'], 'kept');
      assert.deepEqual([records[0].answer.source, records[0].signature.verdict, records[0].answer.forwardedTo], ['forwarded', 'valid', `${dev.url}/api/voice/answer`], 'where it was sent (the query is in the request line)');
      const rtc = await request(`${server.url}/webhooks/${APP}/rtc`, { method: 'POST', body: '{"type":"member:joined"}' });
      assert.equal(rtc.status, 200);
      assert.equal(seen.length, 1, 'a webhook with no path on your server is not sent to one made up for it');
      assert.deepEqual([records[1].answer.source, records[1].answer.note, records[1].answer.forwardedTo], ['event', noAddress, undefined]);
    } finally {
      await dev.close();
    }
  });

  it('a forward target that refuses: one sentence, before (the probe) and during (a 502 recorded with it)', async () => {
    const gone = await localServer((_req, res) => res.end());
    const url = gone.url;
    await gone.close();
    const target = checkedForwardTarget(url);
    await assert.rejects(probeForwardTarget(target), (e: Error) => e.message === `Nothing answers at ${url} (connection refused): start your server there, or stop forwarding to answer from the NCCO file.`);
    server = await WebhookServer.start(options({ forwardTo: target }));
    const res = await request(`${server.url}/webhooks/${APP}/event`, { method: 'POST', body: '{}' });
    assert.equal(res.status, 502);
    assert.equal(records[0].answer.source, 'forward-failed');
    assert.match(records[0].answer.note ?? '', /^Nothing answers at /);
  });

  it('a server that answers too slowly is given up on after the time limit for the whole request, even when it trickles bytes', async () => {
    const trickling = new Set<NodeJS.Timeout>();
    const slow = await localServer((req, res) => {
      if (req.url === '/headers-only') { res.writeHead(200); return; } // and then nothing: the body never ends
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const t = setInterval(() => res.write(' '), 50); // never idle for long, never done
      trickling.add(t);
      res.on('close', () => { clearInterval(t); trickling.delete(t); });
    });
    try {
      const target = checkedForwardTarget(slow.url);
      for (const p of ['/trickle', '/headers-only']) {
        await assert.rejects(forward(target, { method: 'POST', path: p, query: '', headers: {}, body: '{}' }, { timeoutMs: 400 }),
          (e: Error) => e.message === `Your server at ${slow.url} did not answer in time.`, p);
      }
      for (const until = Date.now() + 10_000; trickling.size > 0 && Date.now() < until;) await new Promise((r) => setTimeout(r, 20));
      assert.equal(trickling.size, 0, 'the connection was closed, so the server stopped sending');
    } finally {
      for (const t of trickling) clearInterval(t);
      await slow.close();
    }
  });

  it('forward targets: only this machine, http(s), no query; the callback\'s path goes after the target\'s', () => {
    const problem = (text: string) => { try { checkedForwardTarget(text); return 'fine'; } catch (e) { assert.ok(e instanceof VonageInputError && e.field === 'forwardTo'); return e.message; } };
    assert.equal(problem('https://example.com'), 'Your server must be on this machine (localhost or 127.0.0.1), not example.com: callbacks are forwarded to your own server only.');
    assert.equal(problem('ftp://localhost'), 'Your server\'s address must start with http:// or https://, not ftp://; for example http://localhost:3000, or just localhost:3000.');
    assert.equal(problem('http://localhost:3000/?a=1'), 'Give your server\'s address without a query or #fragment (each callback brings its own query).');
    assert.equal(problem('http://local host'), '"http://local host" is not an address: give your server\'s address on this machine, e.g. http://localhost:3000 or localhost:3000.');
    assert.equal(problem('  '), 'Enter your server\'s address on this machine, e.g. http://localhost:3000 or localhost:3000.');
    for (const ok of ['http://localhost:3000', 'http://127.0.0.1:8080/base/', 'http://[::1]:3000']) assert.doesNotThrow(() => checkedForwardTarget(ok), ok);
    assert.equal(checkedForwardTarget('localhost:3000').href, 'http://localhost:3000/', 'host:port: http:// assumed');
    assert.equal(checkedForwardTarget(' 127.0.0.1:8080/api ').href, 'http://127.0.0.1:8080/api');
    assert.equal(checkedForwardTarget('3000').href, 'http://localhost:3000/', 'a port alone: this machine');
    assert.equal(forwardUrl(new URL('http://localhost:3000/base/'), '/webhooks/answer', 'a=1').href, 'http://localhost:3000/base/webhooks/answer?a=1');
  });

  it('a port in use: one sentence naming it, and nothing listening for us', async () => {
    const taken = await localServer((_req, res) => res.end());
    try {
      const port = Number(new URL(taken.url).port);
      await assert.rejects(WebhookServer.start(options(), port), (e: Error) => e instanceof VonageInputError && e.message === `Port ${port} on 127.0.0.1 is in use by another program: pick another port, or leave the port out for a free one.`);
    } finally {
      await taken.close();
    }
  });

  it('Replay runs a kept request through the same steps (without its token: unsigned) and records it as a replay', async () => {
    fs.writeFileSync(path.join(dir, 'ncco.json'), '[{"action":"talk","text":"Hi {{from}}"}]');
    server = await WebhookServer.start(options());
    const req: CallbackRequest = { applicationId: APP, kind: 'answer', method: 'GET', path: `/webhooks/${APP}/answer`, query: 'from=447700900000', headers: {}, body: '' };
    const record = await server.handle(req, undefined, 'earlier-id');
    assert.deepEqual([record.replayOf, record.signature.verdict, record.answer.body], ['earlier-id', 'unsigned', '[{"action":"talk","text":"Hi 447700900000"}]']);
  });

  it('Copy as curl: method, URL, headers and body, shell-quoted; never the token or a cookie', () => {
    const req: CallbackRequest = {
      applicationId: APP, kind: 'event', method: 'POST', path: `/webhooks/${APP}/event`, query: 'a=1',
      headers: { 'content-type': 'application/json', cookie: 'session=1', host: 'x', 'content-length': '20', authorization: 'Bearer eyJx' }, body: '{"text":"it\'s"}',
    };
    assert.equal(curlCommand(req, 'http://127.0.0.1:4000'), `curl -X POST 'http://127.0.0.1:4000/webhooks/${APP}/event?a=1' -H 'content-type: application/json' --data-raw '{"text":"it'\\''s"}'`);
  });
});
