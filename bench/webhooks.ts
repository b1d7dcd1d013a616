// The webhook server over loopback, as Vonage would meet it (a signed answer request, a keep-alive connection):
// - webhooks.answer.ms: an answer request served from the workspace's NCCO file (read, filled, checked,
//   signature checked, recorded), median of the round trips; goal ≤ 2 ms.
// - webhooks.forward.added_ms: what the forwarder adds to an answer: per round, (through the webhook server
//   to the developer's server) − (asking the developer's server directly), median; goal ≤ 1 ms.
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { checkedForwardTarget } from '../src/vonage/webhooks/forwarder';
import { nccoFileAnswer } from '../src/vonage/webhooks/nccoAnswer';
import { checkSignature, signCallback } from '../src/vonage/webhooks/signature';
import { WebhookServer, type WebhookServerOptions } from '../src/vonage/webhooks/webhookServer';
import { median } from './stats';

const APP = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';
const SECRET = 'bench-signature-secret';
const API_KEY = 'benchkey';
const QUERY = 'to=447700900001&from_user=alice&uuid=63f61863-4a51-4f6b-86e1-46edebcf9356&conversation_uuid=CON-f972836a-550f-45fa-956c-12a2ab5b7d22&region_url=https%3A%2F%2Fapi-eu-1.vonage.com';
const NCCO = [
  { action: 'talk', text: 'Hello {{from_user}}, connecting you now.' },
  { action: 'connect', from: '{{to}}', endpoint: [{ type: 'app', user: 'bob' }], eventUrl: ['https://example.com/events?call={{uuid}}'] },
];
const ROUNDS = 400;

export interface WebhooksBench { answerMs: number; forwardAddedMs: number; directMs: number; forwardedMs: number }

/** One GET over the keep-alive agent; resolves with the body (the caller checks it). */
function get(agent: http.Agent, url: string, authorization: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { authorization, 'user-agent': 'Vonage' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`${url} answered ${String(res.statusCode)}`))));
    });
    req.on('error', reject);
  });
}

async function timed(fn: () => Promise<string>, expected: string): Promise<number> {
  const t0 = performance.now();
  const body = await fn();
  const ms = performance.now() - t0;
  if (body !== expected) throw new Error(`unexpected answer: ${body.slice(0, 200)}`);
  return ms;
}

export async function webhooksBench(): Promise<WebhooksBench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'webhooks-bench-'));
  const file = path.join(dir, 'ncco.json');
  fs.writeFileSync(file, JSON.stringify(NCCO, null, 2));
  const expected = JSON.stringify([
    { action: 'talk', text: 'Hello alice, connecting you now.' },
    { action: 'connect', from: '447700900001', endpoint: [{ type: 'app', user: 'bob' }], eventUrl: ['https://example.com/events?call=63f61863-4a51-4f6b-86e1-46edebcf9356'] },
  ]);
  const authorization = `Bearer ${signCallback({ method: 'GET', query: QUERY, body: '' }, SECRET, API_KEY, APP)}`;
  const options: WebhookServerOptions = {
    serves: (id) => id === APP,
    check: (req, auth) => checkSignature({ ...req, authorization: auth }, { secret: SECRET, apiKey: API_KEY }),
    rejectUnverified: () => true, // every request must pass the check, as with the setting on
    answer: (req) => nccoFileAnswer(file, 'ncco.json', req),
    onCallback: () => undefined,
  };
  const dev = http.createServer((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(expected); });
  await new Promise<void>((r) => dev.listen(0, '127.0.0.1', r));
  const devUrl = `http://127.0.0.1:${(dev.address() as { port: number }).port}`;
  const fromFile = await WebhookServer.start(options);
  const forwarding = await WebhookServer.start({ ...options, forwardTo: checkedForwardTarget(devUrl) });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const path_ = `/webhooks/${APP}/answer?${QUERY}`;
  try {
    const answer: number[] = [];
    const direct: number[] = [];
    const forwarded: number[] = [];
    const variants: [number[], () => Promise<string>][] = [
      [answer, () => get(agent, `${fromFile.url}${path_}`, authorization)],
      [direct, () => get(agent, `${devUrl}${path_}`, authorization)],
      [forwarded, () => get(agent, `${forwarding.url}${path_}`, authorization)],
    ];
    for (let r = -20; r < ROUNDS; r++) { // 20 warm-up rounds
      for (let k = 0; k < variants.length; k++) {
        const [times, fn] = variants[(r + 20 + k) % variants.length];
        const ms = await timed(fn, expected);
        if (r >= 0) times.push(ms);
      }
    }
    const added = median(forwarded.map((v, i) => v - direct[i]));
    return { answerMs: median(answer), forwardAddedMs: added, directMs: median(direct), forwardedMs: median(forwarded) };
  } finally {
    agent.destroy();
    await fromFile.stop();
    await forwarding.stop();
    await new Promise<void>((r) => { dev.closeAllConnections(); dev.close(() => r()); });
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
