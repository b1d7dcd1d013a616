// The generated token endpoint's cost per token: the plain-Node handler (rendered from the templates as
// Create Token Endpoint writes it for a JavaScript project) called in process, without a socket, with a
// request and a response of node:http's shape; against signing the same claims directly with jsonwebtoken
// and the same parsed key. The key reaches the handler the way it does in production, from the environment
// (VONAGE_PRIVATE_KEY holding the PEM): were it parsed per request, the ratio would show it.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as jsonwebtoken from 'jsonwebtoken';
import * as path from 'path';
import { CLIENT_SDK_ACL } from '../src/vonage';
import { planEndpoint, projectProfile, renderEndpointFile } from '../src/vonage/endpoint';
import { median } from './stats';

const ROUNDS = 41;
const BATCH = 15;
const ROUTE = '/api/vonage/token';
const OUT = path.resolve(__dirname, '..', 'out', 'bench', 'endpoint'); // inside the repository: `jsonwebtoken` resolves from its node_modules
const TEMPLATES = path.resolve(__dirname, '..', 'media', 'templates', 'endpoint');

export interface EndpointFigures { handlerUs: number; signUs: number; vsSign: number }

type Listener = (request: object, response: object) => void;

/** Writes the plain-Node endpoint as a CommonJS JavaScript project gets it, and loads its listener. */
function generatedListener(): (options: object) => Listener {
  const profile = projectProfile({ packageJson: '{}', folders: new Set() }, 'node');
  const files = planEndpoint(profile, ROUTE).filter((f) => ['core', 'auth', 'route'].includes(f.role));
  fs.rmSync(OUT, { recursive: true, force: true });
  for (const file of files) {
    const text = renderEndpointFile(fs.readFileSync(path.join(TEMPLATES, file.template), 'utf8'), file, files, profile,
      { route: ROUTE, ttlSeconds: 3600, applicationIdVariable: 'VONAGE_APPLICATION_ID', privateKeyVariable: 'VONAGE_PRIVATE_KEY' });
    fs.mkdirSync(path.dirname(path.join(OUT, file.target)), { recursive: true });
    fs.writeFileSync(path.join(OUT, file.target), text);
  }
  const listener = files.find((f) => f.role === 'route')!;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(path.join(OUT, listener.target)) as { vonageTokenListener: (options: object) => Listener }).vonageTokenListener;
}

/** One token from the listener: a POST request and a response of node:http's shape, no socket. */
function tokenFrom(listener: Listener): Promise<string> {
  return new Promise((resolve, reject) => {
    let status = 0;
    const response = {
      writeHead(code: number) { status = code; return response; },
      end(body: string) { if (status === 200) resolve((JSON.parse(body) as { token: string }).token); else reject(new Error(`${status}: ${body}`)); },
    };
    listener({ url: ROUTE, method: 'POST', headers: {}, resume: () => undefined }, response);
  });
}

export async function endpointBench(): Promise<EndpointFigures> {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const applicationId = crypto.randomUUID();
  const saved = { id: process.env.VONAGE_APPLICATION_ID, key: process.env.VONAGE_PRIVATE_KEY };
  process.env.VONAGE_APPLICATION_ID = applicationId;
  process.env.VONAGE_PRIVATE_KEY = pem;
  let listener: Listener;
  try {
    listener = generatedListener()({ authenticate: () => Promise.resolve({ id: 'alice' }) });
  } finally {
    if (saved.id === undefined) delete process.env.VONAGE_APPLICATION_ID; else process.env.VONAGE_APPLICATION_ID = saved.id;
    if (saved.key === undefined) delete process.env.VONAGE_PRIVATE_KEY; else process.env.VONAGE_PRIVATE_KEY = saved.key;
  }
  const parsed = crypto.createPrivateKey(pem);
  const direct = () => {
    const iat = Math.floor(Date.now() / 1000);
    return jsonwebtoken.sign({ application_id: applicationId, sub: 'alice', acl: CLIENT_SDK_ACL, iat, exp: iat + 3600, jti: crypto.randomUUID() }, parsed, { algorithm: 'RS256' });
  };
  const claims = jsonwebtoken.verify(await tokenFrom(listener), publicKey, { algorithms: ['RS256'] }) as { sub: string; application_id: string };
  if (claims.sub !== 'alice' || claims.application_id !== applicationId) throw new Error('the generated endpoint made a wrong token');
  const variants: Record<string, () => Promise<unknown>> = { handler: () => tokenFrom(listener), sign: () => Promise.resolve(direct()) };
  const times: Record<string, number[]> = { handler: [], sign: [] };
  const names = Object.keys(variants);
  for (let r = 0; r <= ROUNDS; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length];
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < BATCH; i++) await variants[name]();
      if (r > 0) times[name].push(Number(process.hrtime.bigint() - t0) / 1000 / BATCH); // round 0 warms up
    }
  }
  return { handlerUs: median(times.handler), signUs: median(times.sign), vsSign: median(times.handler.map((v, i) => v / times.sign[i])) };
}
