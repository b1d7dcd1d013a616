// The secrets check on a 10 MB file holding all three kinds (PEM private keys raw and escaped, API
// secrets by name and stored, Vonage JWTs among ordinary code, .env and JSON lines), against bare
// regular-expression passes for the three patterns (what a scanner without validation does: no
// decoding, no placeholder rules). Interleaved rounds, the order rotated, medians of per-round ratios.
import { generateKeyPairSync } from 'crypto';
import { scanSecrets } from '../src/vonage/secrets/scanSecrets';
import { findJwts } from '../src/vonage/tokens/scanner';
import { median } from './stats';

const TARGET_BYTES = 10 * 1024 * 1024;
const ROUNDS = 15;
const STORED = 'Qw3rTy9UiOp0AsDf';

export interface SecretsFigures { mbPerS: number; vsRegex: number; found: number }

/** The three patterns as a regex-only scanner writes them. */
const BARE = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----/g,
  /\b(?:VONAGE_API_SECRET|NEXMO_API_SECRET|api_secret|apiSecret)\b["']?\s*[:=]\s*["']?[\w+/=-]{8,}/g,
  /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/g,
];


function b64(o: unknown): string {
  return Buffer.from(JSON.stringify(o)).toString('base64url');
}

/** About 10 MB of source, config and data lines with a secret of some kind every ~40 KB. */
function corpus(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const token = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ application_id: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab', sub: 'alice', iat: 1700000000, exp: 1700086400, jti: 'x', acl: { paths: { '/*/users/**': {} } } })}.${'A'.repeat(342)}`;
  const ordinary = [
    'import { Vonage } from \'@vonage/server-sdk\';\n',
    'const client = new Vonage({ apiKey: process.env.VONAGE_API_KEY, apiSecret: process.env.VONAGE_API_SECRET });\n',
    'export function handler(req, res) { res.json({ ok: true, items: req.body.items.map((i) => i.id) }); }\n',
    '  "name": "sample-app", "version": "1.0.0", "dependencies": { "express": "^4.18.2" },\n',
    'PORT=3000\nLOG_LEVEL=debug # local only\n',
    '// exclude_editable=options.exclude_editable; base64: eyJhbGciOi… (truncated in docs)\n',
    'for (let i = 0; i < rows.length; i++) { total += rows[i].amount * rate; }\n',
  ];
  const secrets = [
    `VONAGE_API_SECRET=Zq8rT2mN5xW9kL3p\n`,
    `const key = ${JSON.stringify(privateKey)};\n`,
    privateKey,
    `Authorization: Bearer ${token}\n`,
    `  apiSecret: '${STORED}',\n`,
  ];
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < TARGET_BYTES; i++) {
    const line = i % 400 === 399 ? secrets[(i / 400 | 0) % secrets.length] : ordinary[i % ordinary.length];
    parts.push(line);
    size += line.length;
  }
  return parts.join('');
}

export function secretsBench(): SecretsFigures {
  const text = corpus();
  const mb = text.length / (1024 * 1024);
  const ours = () => scanSecrets(text, { storedSecrets: [STORED], jwts: findJwts(text) }).length;
  const bare = () => BARE.reduce((n, re) => n + (text.match(re)?.length ?? 0), 0);
  const found = ours();
  if (found === 0 || bare() === 0) throw new Error('the corpus holds no secret: the bench would measure nothing');
  const variants: Record<string, () => number> = { ours, bare };
  const times: Record<string, number[]> = { ours: [], bare: [] };
  const names = Object.keys(variants);
  for (let r = 0; r <= ROUNDS; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length];
      const t0 = process.hrtime.bigint();
      variants[name]();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r > 0) times[name].push(ms); // round 0 is the warm-up
    }
  }
  const oursMs = median(times.ours);
  const vsRegex = median(times.ours.map((v, i) => v / times.bare[i]));
  console.log(`secrets.scan: ${mb.toFixed(1)} MB, ${found} secrets found; ours ${oursMs.toFixed(0)} ms (secrets + findJwts), bare regex passes ${median(times.bare).toFixed(0)} ms (${ROUNDS} interleaved rounds after a warm-up, medians)`);
  return { mbPerS: mb / (oursMs / 1000), vsRegex, found };
}
