// `npm run bench`: side-by-side, interleaved measurements in one process, medians after a warm-up.
// Prints human lines with each ratio against its goal, then one `BENCH <name> <value> <unit>` line per figure.
import * as crypto from 'crypto';
import * as jsonwebtoken from 'jsonwebtoken';
import {
  ApplicationsClient, CLIENT_SDK_ACL, JwtSigner, VonageHttpClient, generateKeyPair, userAgent,
} from '../src/vonage';
import { findUserBench } from './findUser';
import { numbersListBench } from './numbers';
import { callsListBench } from './calls';
import { conversationsBench } from './conversations';
import { tokensBench } from './tokens';
import { secretsBench } from './secrets';
import { webhooksBench } from './webhooks';
import { endpointBench } from './endpoint';
import { phoneFormatBench } from './phoneNumbers';
import { median } from './stats';

const APP_ID = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';
const benchLines: string[] = [];
// Short batches, many rounds, order rotated: a burst of load from elsewhere hits every variant alike.
const JWT_ROUNDS = 61;
const JWT_BATCH = 15;
const LIST_ROUNDS = 12;


function bench(name: string, value: number, unit: string, digits: number): void {
  benchLines.push(`BENCH ${name} ${value.toFixed(digits)} ${unit}`);
}

function goal(name: string, value: number, op: '<=' | '>=', target: number, extra = ''): void {
  const met = op === '<=' ? value <= target : value >= target;
  console.log(`${name} ${value.toFixed(2)} (goal ${op} ${target}) ${met ? 'met' : 'NOT met'}${extra ? ` — ${extra}` : ''}`);
}

/** Rounds of `batch` calls per variant, the variants' order rotated every round; returns µs/call per round. */
function interleave(variants: Record<string, () => void>, rounds: number, batch: number): Record<string, number[]> {
  const names = Object.keys(variants);
  const out: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length];
      const fn = variants[name];
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) fn();
      out[name].push(Number(process.hrtime.bigint() - t0) / 1000 / batch);
    }
  }
  return out;
}

async function jwtBench(): Promise<void> {
  const { privateKey, publicKey } = await generateKeyPair();
  const signer = new JwtSigner();
  const cachedKey = crypto.createPrivateKey(privateKey);
  const headerB64 = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url');
  const claims = () => {
    const iat = Math.floor(Date.now() / 1000);
    return { application_id: APP_ID, iat, jti: crypto.randomUUID(), exp: iat + 86400, sub: 'alice', acl: CLIENT_SDK_ACL };
  };
  const variants = {
    // the physical limit: bare crypto.sign RS256 with a cached KeyObject over the same claims
    limit: () => {
      const input = `${headerB64}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}`;
      void `${input}.${crypto.sign('sha256', Buffer.from(input), cachedKey).toString('base64url')}`;
    },
    ours: () => {
      signer.signUserToken({ applicationId: APP_ID, privateKey, sub: 'alice' });
    },
    // the peers' way (@vonage/jwt, the seed's CLI): jsonwebtoken handed the PEM text on every call
    pemPerCall: () => {
      jsonwebtoken.sign(claims(), privateKey, { algorithm: 'RS256', header: { alg: 'RS256', typ: 'JWT' } });
    },
  };
  // sanity: every variant makes a token that verifies
  jsonwebtoken.verify(signer.signUserToken({ applicationId: APP_ID, privateKey, sub: 'alice' }), publicKey, { algorithms: ['RS256'] });
  interleave(variants, 2, 100); // warm-up
  const parsesBefore = signer.keyParses;
  const res = interleave(variants, JWT_ROUNDS, JWT_BATCH);
  const us = median(res.ours);
  const vsLimit = median(res.ours.map((v, i) => v / res.limit[i]));
  const vsPem = median(res.pemPerCall.map((v, i) => v / res.ours[i]));
  console.log(`jwt: ours ${us.toFixed(0)} µs/token, bare crypto.sign ${median(res.limit).toFixed(0)} µs, jsonwebtoken+PEM per call ${median(res.pemPerCall).toFixed(0)} µs (${JWT_ROUNDS} interleaved rounds of ${JWT_BATCH}, medians of per-round ratios); key parses during the run: ${signer.keyParses - parsesBefore}`);
  goal('jwt.sign.vs_limit', vsLimit, '<=', 1.05);
  goal('jwt.sign.vs_pem_per_call', vsPem, '>=', 1.8);
  bench('jwt.sign.us', us, 'us', 1);
  bench('jwt.sign.vs_limit', vsLimit, 'ratio', 3);
  bench('jwt.sign.vs_pem_per_call', vsPem, 'ratio', 2);
}

async function listBench(): Promise<void> {
  let sandboxModule: typeof import('../test/sandbox');
  try {
    sandboxModule = await import('../test/sandbox');
  } catch (e) {
    console.log(`apps.list1000: skipped, the sandbox (test/sandbox) could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  const sb = await sandboxModule.startSandbox({ latencyMs: 0 });
  try {
    const { publicKey } = await generateKeyPair();
    sb.seedApplications(1000, publicKey);
    const http = new VonageHttpClient({ baseUrl: sb.url, userAgent: userAgent('bench') });
    const creds = { apiKey: sb.apiKey, apiSecret: sb.apiSecret };
    const auth = { kind: 'basic' as const, ...creds };
    const ours = new ApplicationsClient(http, creds);
    const bounded4 = new ApplicationsClient(http, creds, { concurrency: 4 });
    const sequential = async () => {
      const all: unknown[] = [];
      for (let page = 1; ; page++) {
        const body = await http.request<{ total_pages: number; _embedded: { applications: unknown[] } }>({
          method: 'GET', path: '/v2/applications', query: { page_size: 100, page }, auth,
        });
        all.push(...body._embedded.applications);
        if (page >= body.total_pages) return all;
      }
    };
    const variants: Record<string, () => Promise<unknown[]>> = { ours: () => ours.list(), sequential, bounded4: () => bounded4.list() };
    sb.setLatency(50);
    const times: Record<string, number[]> = { ours: [], sequential: [], bounded4: [] };
    const names = Object.keys(variants);
    for (let r = 0; r <= LIST_ROUNDS; r++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(r + k) % names.length];
        const t0 = performance.now();
        const apps = await variants[name]();
        const ms = performance.now() - t0;
        if (apps.length !== 1000) throw new Error(`${name} listed ${apps.length} applications, expected 1000`);
        if (r > 0) times[name].push(ms); // round 0 is the warm-up
      }
    }
    const ms = median(times.ours);
    const ratio = median(times.ours.map((v, i) => times.sequential[i] / v));
    console.log(`apps.list1000 at 50 ms latency: ours ${ms.toFixed(0)} ms (10 pages: page 1, then 9 at once), sequential ${median(times.sequential).toFixed(0)} ms, bounded at 4 ${median(times.bounded4).toFixed(0)} ms (${LIST_ROUNDS} interleaved rounds after a warm-up, medians)`);
    goal('apps.list1000.vs_sequential', ratio, '>=', 4);
    bench('apps.list1000.ms', ms, 'ms', 1);
    bench('apps.list1000.vs_sequential', ratio, 'ratio', 2);
  } finally {
    await sb.stop();
  }
}

async function main(): Promise<void> {
  await jwtBench();
  await listBench();
  const find = await findUserBench();
  if (find) {
    goal('users.find2000.vs_paging', find.ratio, '>=', 10);
    bench('users.find2000.ms', find.ms, 'ms', 1);
    bench('users.find2000.vs_paging', find.ratio, 'ratio', 1);
  }
  const numbers = await numbersListBench();
  if (numbers) {
    goal('numbers.list1000.vs_floor', numbers.vsFloor, '<=', 1.3);
    bench('numbers.list1000.ms', numbers.ms, 'ms', 1);
    bench('numbers.list1000.vs_floor', numbers.vsFloor, 'ratio', 2);
  }
  const calls = await callsListBench();
  if (calls) {
    goal('calls.list1000.vs_floor', calls.vsFloor, '<=', 1.3);
    bench('calls.list1000.ms', calls.ms, 'ms', 1);
    bench('calls.list1000.vs_floor', calls.vsFloor, 'ratio', 2);
  }
  const conversations = await conversationsBench();
  if (conversations) {
    goal('conversations.list1000.vs_floor', conversations.listVsFloor, '<=', 1.2);
    goal('events.first_page.vs_round_trip', conversations.eventsVsRoundTrip, '<=', 1.2);
    bench('conversations.list1000.ms', conversations.listMs, 'ms', 1);
    bench('conversations.list1000.vs_floor', conversations.listVsFloor, 'ratio', 2);
    bench('events.first_page.ms', conversations.eventsMs, 'ms', 1);
    bench('events.first_page.vs_round_trip', conversations.eventsVsRoundTrip, 'ratio', 2);
  }
  const tokens = tokensBench();
  console.log(`tokens: 10 MB with 1,000 Vonage tokens among base64 noise, code and long lines: full scan (find + decode + classify) ${tokens.scanMs.toFixed(1)} ms, bare regex ${tokens.regexMs.toFixed(1)} ms (medians of interleaved rounds); after a one-character edit in the middle ${tokens.rescanMs.toFixed(2)} ms`);
  goal('tokens.scan.vs_regex', tokens.vsRegex, '<=', 1.5);
  goal('tokens.scan.mb_per_s', tokens.mbPerS, '>=', 50);
  goal('tokens.rescan_after_edit.ms', tokens.rescanMs, '<=', 5);
  bench('tokens.scan.vs_regex', tokens.vsRegex, 'ratio', 2);
  bench('tokens.scan.mb_per_s', tokens.mbPerS, 'MB/s', 0);
  bench('tokens.rescan_after_edit.ms', tokens.rescanMs, 'ms', 2);
  const secrets = secretsBench();
  goal('secrets.scan.mb_per_s', secrets.mbPerS, '>=', 50);
  goal('secrets.scan.vs_regex', secrets.vsRegex, '<=', 2.0);
  bench('secrets.scan.mb_per_s', secrets.mbPerS, 'MB/s', 1);
  bench('secrets.scan.vs_regex', secrets.vsRegex, 'ratio', 2);
  const webhooks = await webhooksBench();
  console.log(`webhooks: an answer request served from ncco.json ${webhooks.answerMs.toFixed(2)} ms; your server asked directly ${webhooks.directMs.toFixed(2)} ms, through the forwarder ${webhooks.forwardedMs.toFixed(2)} ms (signed GETs over one keep-alive loopback connection, medians of interleaved rounds)`);
  goal('webhooks.answer.ms', webhooks.answerMs, '<=', 2);
  goal('webhooks.forward.added_ms', webhooks.forwardAddedMs, '<=', 1);
  bench('webhooks.answer.ms', webhooks.answerMs, 'ms', 2);
  bench('webhooks.forward.added_ms', webhooks.forwardAddedMs, 'ms', 2);
  const endpoint = await endpointBench();
  console.log(`endpoint: a token from the generated Node handler (in process, no socket, the key from the environment) ${endpoint.handlerUs.toFixed(0)} µs, jsonwebtoken with the same parsed key ${endpoint.signUs.toFixed(0)} µs (medians of interleaved rounds)`);
  goal('endpoint.token.vs_sign', endpoint.vsSign, '<=', 1.5);
  bench('endpoint.token.us', endpoint.handlerUs, 'us', 1);
  bench('endpoint.token.vs_sign', endpoint.vsSign, 'ratio', 3);
  const phones = phoneFormatBench();
  console.log(`phone numbers: 1,000 distinct numbers of six countries grouped as each writes them ${phones.coldMs.toFixed(1)} ms read afresh, ${phones.cachedUs.toFixed(2)} µs a number once read (medians of 15 rounds)`);
  goal('phone.format1000.ms', phones.coldMs, '<=', 50);
  goal('phone.format.cached_us', phones.cachedUs, '<=', 1);
  bench('phone.format1000.ms', phones.coldMs, 'ms', 1);
  bench('phone.format.cached_us', phones.cachedUs, 'us', 2);
  for (const line of benchLines) console.log(line);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
