// The secret detectors on tables: what must be found (and exactly where), and the near misses that
// secret scanners learned not to flag (public keys, placeholders, redacted keys, references, types).
// Keys are generated at run time: no PEM private key is ever committed.
import * as assert from 'node:assert/strict';
import { generateKeyPairSync } from 'crypto';
import { scanSecrets } from '../../../src/vonage/secrets/scanSecrets';
import { secretWarning } from '../../../src/vonage/secrets/secretMessages';
import type { SecretFinding } from '../../../src/vonage/secrets/finding';
import { findJwts } from '../../../src/vonage/tokens/scanner';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256', publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'sec1', format: 'pem' } });
const PEM = rsa.privateKey;
// The PEM marker lines, assembled here: no tracked file holds one verbatim (the repository's hooks refuse that).
const BEGIN = ['-----BEGIN', 'PRIVATE KEY-----'].join(' ');
const END = ['-----END', 'PRIVATE KEY-----'].join(' ');
const PEM_ONE_LINE = JSON.stringify(PEM).slice(1, -1); // the key with \n escapes, as in JSON or a JS string
const STORED = 'Qw3rTy9UiOp0AsDf';
const SECRET = 'Zq8rT2mN5xW9kL3p';
/** A real secret can hold no digit (about 6 % of 16 random letters and digits do). */
const NO_DIGIT = 'QwRtZpLmNkJhGfDs';
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** A token of the given claims (the signature is not checked by the detector: 342 characters, as RS256 makes). */
const jwt = (claims: Record<string, unknown>) => `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.${'s'.repeat(342)}`;
const VONAGE_JWT = jwt({ application_id: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab', sub: 'alice', iat: 1, exp: 2, jti: 'x', acl: { paths: {} } });

/** What the test expects of one finding: kind, detail, the text it covers, the literal around it. */
interface Expect { kind: string; detail: string; text: string; literal?: string; name?: string }

function found(text: string): Expect[] {
  return scanSecrets(text, { storedSecrets: [STORED, 'short'], jwts: findJwts(text) }).map((f: SecretFinding) => ({
    kind: f.kind,
    detail: f.detail,
    text: text.slice(f.start, f.end),
    ...(f.literal ? { literal: text.slice(f.literal.start, f.literal.end) } : {}),
    ...(f.name ? { name: f.name } : {}),
  }));
}

describe('core: secret detectors', () => {
  describe('PEM private keys', () => {
    it('a raw PKCS#8 block (a committed private.key)', () => {
      assert.deepEqual(found(`\n${PEM}`), [{ kind: 'privateKey', detail: 'pem', text: PEM.trimEnd() }]);
    });

    it('an EC (SEC1) block in the middle of a file', () => {
      assert.deepEqual(found(`before\n${ec.privateKey}after`), [{ kind: 'privateKey', detail: 'pem', text: ec.privateKey.trimEnd() }]);
    });

    it('inside a JS string with \\n escapes: the literal spans the quotes and the trailing \\n', () => {
      const text = `const privateKey = "${PEM_ONE_LINE}";`;
      const [f] = found(text);
      assert.equal(f.detail, 'pemEscaped');
      assert.ok(f.text.startsWith(`${BEGIN}\\n`) && f.text.endsWith(END), f.text.slice(0, 40));
      assert.equal(f.literal, `"${PEM_ONE_LINE}"`);
    });

    it('inside JSON (the Vonage CLI\'s config holds the key text) and doubly escaped', () => {
      assert.equal(found(JSON.stringify({ app: { private_key: PEM } }))[0].detail, 'pemEscaped');
      assert.equal(found(JSON.stringify(JSON.stringify({ private_key: PEM })))[0].detail, 'pemEscaped');
    });

    it('near misses: public keys, a certificate-like block, a lone BEGIN line, placeholders, redacted and cut-short keys', () => {
      const misses = [
        rsa.publicKey,
        ec.publicKey,
        `Paste the key starting with ${BEGIN} here.`,
        `${BEGIN}\n...\n${END}`,
        `${BEGIN}\n<your private key>\n${END}`,
        `${BEGIN}\n${'X'.repeat(64)}\n${'X'.repeat(64)}\n${END}`,
        `${BEGIN}\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC...REDACTED...\n${END}`,
        PEM.slice(0, 400), // no END line
        PEM.replace(END, END.replace('PRIVATE', 'RSA PRIVATE')), // END does not match BEGIN
      ];
      for (const text of misses) assert.deepEqual(found(text), [], text.slice(0, 60));
    });
  });

  describe('API secrets by name', () => {
    const hits: [string, Expect][] = [
      [`VONAGE_API_SECRET=${SECRET}\n`, { kind: 'apiSecret', detail: 'secretAssignment', text: SECRET, name: 'VONAGE_API_SECRET' }],
      [`export NEXMO_API_SECRET="${SECRET}"`, { kind: 'apiSecret', detail: 'secretAssignment', text: SECRET, literal: `"${SECRET}"`, name: 'NEXMO_API_SECRET' }],
      [`const vonage = new Vonage({ apiKey: 'abcd1234', apiSecret: '${SECRET}' });`, { kind: 'apiSecret', detail: 'secretAssignment', text: SECRET, literal: `'${SECRET}'`, name: 'apiSecret' }],
      [`{"api_key": "abcd1234", "api_secret": "${SECRET}"}`, { kind: 'apiSecret', detail: 'secretAssignment', text: SECRET, literal: `"${SECRET}"`, name: 'api_secret' }],
      [`vonage:\n  api_secret: ${SECRET}\n`, { kind: 'apiSecret', detail: 'secretAssignment', text: SECRET, name: 'api_secret' }],
      [`client = Vonage(api_secret="${SECRET}")`, { kind: 'apiSecret', detail: 'secretAssignment', text: SECRET, literal: `"${SECRET}"`, name: 'api_secret' }],
      [`'api_secret' => '${SECRET}',`, { kind: 'apiSecret', detail: 'secretAssignment', text: SECRET, literal: `'${SECRET}'`, name: 'api_secret' }],
      // In a URL's query the value ends at the next parameter (&) or at the bracket closing the link.
      [`curl "https://rest.nexmo.com/sms/json?api_key=abcd1234&api_secret=${SECRET}&to=447700900000"`, { kind: 'apiSecret', detail: 'secretAssignment', text: SECRET, name: 'api_secret' }],
      [`[balance](https://rest.nexmo.com/account/get-balance?api_key=k&api_secret=${SECRET})`, { kind: 'apiSecret', detail: 'secretAssignment', text: SECRET, name: 'api_secret' }],
      [`params = {api_key: "k"}; url = "?api_secret=${SECRET}]"`, { kind: 'apiSecret', detail: 'secretAssignment', text: SECRET, name: 'api_secret' }],
      // A .env or shell line (KEY=value, nothing after but a comment): a secret need not hold a digit.
      [`VONAGE_API_SECRET=${NO_DIGIT}\n`, { kind: 'apiSecret', detail: 'secretAssignment', text: NO_DIGIT, name: 'VONAGE_API_SECRET' }],
      [`# .env\r\nexport NEXMO_API_SECRET=${NO_DIGIT} # from the dashboard\r\n`, { kind: 'apiSecret', detail: 'secretAssignment', text: NO_DIGIT, name: 'NEXMO_API_SECRET' }],
      [`PORT=3000\n  api_secret=${NO_DIGIT}`, { kind: 'apiSecret', detail: 'secretAssignment', text: NO_DIGIT, name: 'api_secret' }],
      // Not code: a shell line ending in `;`, a YAML value after a mapping key.
      [`VONAGE_API_SECRET=${SECRET}; node server.js`, { kind: 'apiSecret', detail: 'secretAssignment', text: SECRET, name: 'VONAGE_API_SECRET' }],
      [`vonage:\n  api_key: abcd1234\n  api_secret: ${SECRET}\n`, { kind: 'apiSecret', detail: 'secretAssignment', text: SECRET, name: 'api_secret' }],
      // A whole .env line is never code, whatever the line above ends with.
      [`ALLOWED=a,b,\nVONAGE_API_SECRET=${NO_DIGIT}`, { kind: 'apiSecret', detail: 'secretAssignment', text: NO_DIGIT, name: 'VONAGE_API_SECRET' }],
    ];
    for (const [text, expect] of hits) {
      it(`finds ${JSON.stringify(text.slice(0, 50))}`, () => assert.deepEqual(found(text), [expect]));
    }

    it('near misses: references, empty values, types, placeholders of samples and .env.example files', () => {
      const misses = [
        'VONAGE_API_SECRET=',
        'VONAGE_API_SECRET=\nOTHER=1',
        'VONAGE_API_SECRET=your-api-secret',
        'VONAGE_API_SECRET=YOUR_API_SECRET',
        'VONAGE_API_SECRET=xxxxxxxxxxxxxxxx',
        'VONAGE_API_SECRET=<api secret>',
        'VONAGE_API_SECRET=${SECRET_FROM_VAULT}',
        'VONAGE_API_SECRET=$VONAGE_SECRET',
        'VONAGE_API_SECRET=abcd1234',
        'VONAGE_API_SECRET="********"',
        'VONAGE_API_SECRET=REDACTED',
        'apiSecret: process.env.VONAGE_API_SECRET,',
        'apiSecret: config.vonage.secret,',
        'apiSecret: secret,',
        'apiSecret: getSecret(),',
        'apiSecret: string;',
        'apiSecret?: string;',
        'api_secret = os.environ["VONAGE_API_SECRET"]',
        'api_secret = ENV["VONAGE_API_SECRET"]',
        "apiSecret: 'VONAGE_API_SECRET',",
        'if (apiSecret == "Zq8rT2mN5xW9kL3p") {}',
        `the apiSecret ${SECRET} in prose`,
        `API_SECRET=${SECRET}`, // another service's name
        // Code: an unquoted value of an object key or a keyword argument is a variable, not a literal.
        '{ apiKey: "k", apiSecret: secretV2 }',
        'const c = { apiSecret: vonageSecret1 };',
        'new Vonage({\n  apiKey: key,\n  apiSecret: vonageSecret1,\n});',
        'new Vonage({\n  apiSecret: secretV2\n});',
        "{ 'apiSecret': secretV2 }",
        'Vonage::Client.new(api_key: key, api_secret: secretV2)',
        'client = vonage.Client(key=KEY, api_secret=API_SECRET_2)',
        '  // the account\'s secret\n  apiSecret: vonageSecret1,',
        'apiSecret = vonageSecret1;',
        'String api_secret = vonageSecret1;',
        // Without a digit, only a whole .env/shell line is a secret; words and code are not.
        `api_secret: ${NO_DIGIT}`,
        `apiSecret = ${NO_DIGIT};`,
        `apiSecret=${NO_DIGIT}`,
        `VONAGE_API_SECRET = ${NO_DIGIT}`,
        `VONAGE_API_SECRET=${NO_DIGIT}; other`,
        `run VONAGE_API_SECRET=${NO_DIGIT}`,
        'VONAGE_API_SECRET=development',
        'VONAGE_API_SECRET=PRODUCTION_VALUE',
        'VONAGE_API_SECRET=my-vonage-value',
        'VONAGE_API_SECRET=mySecretValue',
        'VONAGE_API_SECRET=ChangeMeLater',
      ];
      for (const text of misses) assert.deepEqual(found(text), [], text);
    });
  });

  describe('API secrets stored in this VS Code', () => {
    it('found as a literal anywhere, with the literal around it; short stored values are not compared', () => {
      assert.deepEqual(found(`const s = "${STORED}"; // short`), [{ kind: 'apiSecret', detail: 'storedSecret', text: STORED, literal: `"${STORED}"` }]);
      assert.deepEqual(found(`curl -u key:${STORED} https://api.nexmo.com`), [{ kind: 'apiSecret', detail: 'storedSecret', text: STORED }]);
    });

    it('a stored secret that is also a named assignment is one finding: the stored secret, under its name', () => {
      assert.deepEqual(found(`VONAGE_API_SECRET=${STORED}`), [{ kind: 'apiSecret', detail: 'storedSecret', text: STORED, name: 'VONAGE_API_SECRET' }]);
    });
  });

  describe('Vonage JWTs (found by the token scanner)', () => {
    it('a Vonage token (application_id), with the literal around it', () => {
      assert.deepStrictEqual(found(`const token = '${VONAGE_JWT}';`), [{ kind: 'jwt', detail: 'jwt', text: VONAGE_JWT, literal: `'${VONAGE_JWT}'` }]);
      assert.deepStrictEqual(found(`VONAGE_JWT=${VONAGE_JWT}\n`), [{ kind: 'jwt', detail: 'jwt', text: VONAGE_JWT }]);
    });

    it('near misses: another service\'s JWT, a truncated example, look-alike code', () => {
      const misses = [
        jwt({ sub: 'alice', iss: 'https://auth.example.com' }),
        'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhcHBsaWNhdGlvbl9pZCI6…',
        'exclude_editable=options.exclude_editable',
      ];
      for (const text of misses) assert.deepStrictEqual(found(text), [], text.slice(0, 60));
    });
  });

  describe('several in one text', () => {
    it('in text order, each once', () => {
      const text = `VONAGE_API_SECRET=${SECRET}\nKEY="${PEM_ONE_LINE}"\nS=${STORED}\nVONAGE_JWT=${VONAGE_JWT}\n`;
      assert.deepEqual(found(text).map((f) => f.detail), ['secretAssignment', 'pemEscaped', 'storedSecret', 'jwt']);
    });
  });

  describe('the warning says what, why and what to do, and never the secret', () => {
    it('tracked and untracked', () => {
      const text = `VONAGE_API_SECRET=${STORED}`;
      const [f] = scanSecrets(text, { storedSecrets: [STORED] });
      const tracked = secretWarning(f, { repository: 'my-app', tracked: true });
      assert.equal(tracked, 'The API secret of a Vonage account stored in this VS Code is in a file that git tracks in repository "my-app": the next push publishes it. Move it to .env (ignored by git); if it was ever pushed, change the secret in the Vonage dashboard.');
      const untracked = secretWarning(f, { repository: 'my-app', tracked: false });
      assert.equal(untracked, 'The API secret of a Vonage account stored in this VS Code is in a file that git would commit in repository "my-app" (it is not ignored). Move it to .env, or add this file to .gitignore.');
      assert.ok(!tracked.includes(STORED) && !untracked.includes(STORED));
    });
  });
});
