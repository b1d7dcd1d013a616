import * as assert from 'node:assert/strict';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as jsonwebtoken from 'jsonwebtoken';
import {
  CLIENT_SDK_ACL, DEFAULT_ADMIN_TTL_SECONDS, DEFAULT_USER_TTL_SECONDS, JwtSigner, KeyPair, MAX_USER_TTL_SECONDS,
  VonageInputError, decodeToken, parseAcl, relativeTime, validateTtl, verifyToken,
} from '../../../src/vonage';
import { testKeys } from './helpers';

const APP_ID = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';
const NOW = Date.UTC(2025, 0, 15, 12, 0, 0, 500);
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Claims {
  [k: string]: unknown;
  iat: number;
  exp: number;
  jti: string;
}

function parts(token: string): { header: Record<string, unknown>; claims: Claims } {
  const [h, p] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(p, 'base64url').toString()) as Claims,
  };
}

function inputError(fn: () => unknown, why: RegExp, field?: string) {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof VonageInputError, String(e));
    assert.match(e.message, why);
    if (field) assert.equal(e.field, field);
    return true;
  });
}

describe('core: Client SDK ACL preset', () => {
  const expected = ['/*/users/**', '/*/conversations/**', '/*/sessions/**', '/*/devices/**', '/*/image/**', '/*/media/**', '/*/applications/**', '/*/push/**', '/*/knocking/**', '/*/legs/**'];

  it("is the tutorial's ten paths, each allowing everything ({})", () => {
    assert.deepEqual(Object.keys(CLIENT_SDK_ACL.paths), expected);
    for (const v of Object.values(CLIENT_SDK_ACL.paths)) assert.deepEqual(v, {});
  });

  it('matches the ACL printed in shared/vonage-api/README.md', function () {
    const readme = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'vonage-api', 'README.md');
    if (!fs.existsSync(readme)) {
      if (process.env.CI === 'true') assert.fail(`missing ${readme}`);
      this.skip();
    }
    const m = /The tutorial's ACL: `(\{.*?\}\}\})`/.exec(fs.readFileSync(readme, 'utf8'));
    assert.ok(m, `no ACL found in ${readme}`);
    assert.deepEqual(CLIENT_SDK_ACL, JSON.parse(m[1]));
  });

  it('cannot be changed by a caller', () => {
    assert.throws(() => {
      (CLIENT_SDK_ACL.paths as Record<string, unknown>)['/**'] = {};
    }, TypeError);
  });
});

describe('core: token lifetime', () => {
  it('accepts whole seconds from 1 to 24 hours, numbers or numeric text', () => {
    assert.equal(validateTtl(1), 1);
    assert.equal(validateTtl(3600), 3600);
    assert.equal(validateTtl(MAX_USER_TTL_SECONDS), 86400);
    assert.equal(validateTtl(' 900 '), 900);
    assert.equal(DEFAULT_USER_TTL_SECONDS, 86400);
    assert.equal(DEFAULT_ADMIN_TTL_SECONDS, 900);
  });
  for (const [value, why] of [
    [0, /at least 1 second/],
    [-60, /at least 1 second/],
    [1.5, /whole number of seconds/],
    ['1.5', /whole number of seconds/],
    [NaN, /whole number/],
    [Infinity, /whole number/],
    ['abc', /"abc" is not a number/],
    ['1h', /is not a number.*in seconds/],
    [undefined, /not a number/],
    [86401, /at most 86400 seconds \(24 hours\)/],
    [172800, /at most 86400 seconds/],
    [86_400_000, /^The token lifetime 86400000 is longer than the maximum of 86400 seconds \(24 hours\)\. If you meant milliseconds, that is 86400 seconds \(24 hours\): enter 86400\.$/],
    [3_600_000, /^The token lifetime 3600000 is longer than the maximum of 86400 seconds \(24 hours\)\. If you meant milliseconds, that is 3600 seconds \(1 hour\): enter 3600\.$/],
    [90_000, /^The token lifetime 90000 is longer than the maximum of 86400 seconds \(24 hours\)\. If you meant milliseconds, that is 90 seconds: enter 90\.$/],
    [120_000, /^The token lifetime 120000 is longer than the maximum of 86400 seconds \(24 hours\)\. If you meant milliseconds, that is 120 seconds \(2 minutes\): enter 120\.$/],
    [Date.now(), /looks like milliseconds/],
    [Math.floor(Date.now() / 1000) + 86400, /looks like an absolute time \(a Unix timestamp\) or milliseconds/],
  ] as const) {
    it(`rejects ${String(value)}: ${String(why)}`, () => inputError(() => validateTtl(value), why, 'ttlSeconds'));
  }
  it('honours a smaller maximum', () => {
    assert.equal(validateTtl(900, 900), 900);
    inputError(() => validateTtl(901, 900), /at most 900 seconds \(15 minutes\)/);
    inputError(() => validateTtl(60_000, 900), /^The token lifetime 60000 is longer than the maximum of 900 seconds \(15 minutes\)\. If you meant milliseconds, that is 60 seconds \(1 minute\): enter 60\.$/);
    inputError(() => validateTtl(1000, 1), /^The token lifetime 1000 is longer than the maximum of 1 second\. If you meant milliseconds, that is 1 second: enter 1\.$/);
  });
});

describe('core: custom ACL', () => {
  it('parses JSON text and objects into a fresh copy', () => {
    const text = '{"paths": {"/*/users/**": {}, "/*/conversations/**": {"methods": ["GET"]}}}';
    assert.deepEqual(parseAcl(text), { paths: { '/*/users/**': {}, '/*/conversations/**': { methods: ['GET'] } } });
    const obj = { paths: { '/*/legs/**': { filters: { x: 1 } } } };
    const copy = parseAcl(obj);
    assert.deepEqual(copy, obj);
    assert.notEqual(copy.paths['/*/legs/**'], obj.paths['/*/legs/**']);
  });
  for (const [value, why] of [
    ['', /empty/],
    ['{"paths": {', /not valid JSON/],
    ['[]', /must be a JSON object with a "paths" object/],
    [42, /must be a JSON object/],
    [null, /must be a JSON object/],
    ['{"path": {"/*/users/**": {}}}', /unexpected key "path"; an ACL holds only "paths"/],
    ['{}', /"paths" must be an object/],
    ['{"paths": ["/*/users/**"]}', /"paths" must be an object.*not a list/],
    ['{"paths": {}}', /allows no path/],
    ['{"paths": {"users/**": {}}}', /"users\/\*\*" must start with "\/"/],
    ['{"paths": {"/*/users/**": true}}', /rules for ACL path "\/\*\/users\/\*\*" must be an object/],
  ] as const) {
    it(`rejects ${JSON.stringify(value)} saying ${String(why)}`, () => inputError(() => parseAcl(value), why, 'acl'));
  }
});

describe('core: signing tokens', () => {
  let a: KeyPair;
  let b: KeyPair;
  before(async () => ([a, b] = await testKeys()));
  const signer = () => new JwtSigner({ now: () => NOW, uuid: () => '0f8fad5b-d9cb-469f-a165-70867728950e' });

  it('a user token: header {alg: RS256, typ: JWT}; claims application_id, iat, jti, exp = iat + 24 h, sub, Client SDK acl', () => {
    const token = signer().signUserToken({ applicationId: APP_ID, privateKey: a.privateKey, sub: 'alice' });
    const { header, claims } = parts(token);
    assert.deepEqual(header, { alg: 'RS256', typ: 'JWT' });
    const iat = Math.floor(NOW / 1000);
    assert.deepEqual(claims, { application_id: APP_ID, iat, jti: '0f8fad5b-d9cb-469f-a165-70867728950e', exp: iat + 86400, sub: 'alice', acl: CLIENT_SDK_ACL });
    const [h, p, s] = token.split('.');
    assert.ok(crypto.verify('sha256', Buffer.from(`${h}.${p}`), a.publicKey, Buffer.from(s, 'base64url')), 'RS256 signature verifies with the public key');
  });

  it('uses a fresh UUID v4 jti and the real clock by default', () => {
    const s = new JwtSigner();
    const t1 = parts(s.signUserToken({ applicationId: APP_ID, privateKey: a.privateKey, sub: 'a' })).claims;
    const t2 = parts(s.signUserToken({ applicationId: APP_ID, privateKey: a.privateKey, sub: 'a' })).claims;
    assert.match(t1.jti, UUID_V4);
    assert.notEqual(t1.jti, t2.jti);
    assert.ok(Math.abs(t1.iat - Date.now() / 1000) < 5);
  });

  it('takes a shorter lifetime and a custom ACL', () => {
    const acl = { paths: { '/*/users/**': {} } };
    const { claims } = parts(signer().signUserToken({ applicationId: APP_ID, privateKey: a.privateKey, sub: 'bob', ttlSeconds: 600, acl }));
    assert.equal(claims.exp - claims.iat, 600);
    assert.deepEqual(claims.acl, acl);
  });

  it('refuses a lifetime over 24 h, a millisecond lifetime, a malformed ACL, an empty user or application', () => {
    const base = { applicationId: APP_ID, privateKey: a.privateKey, sub: 'x' };
    inputError(() => signer().signUserToken({ ...base, ttlSeconds: 86401 }), /at most 86400/);
    inputError(() => signer().signUserToken({ ...base, ttlSeconds: 86_400_000 }), /If you meant milliseconds, that is 86400 seconds \(24 hours\): enter 86400\./);
    inputError(() => signer().signUserToken({ ...base, acl: { paths: {} } }), /allows no path/);
    inputError(() => signer().signUserToken({ ...base, sub: ' ' }), /user name \(sub\) is empty/, 'sub');
    inputError(() => signer().signUserToken({ ...base, applicationId: '' }), /application id is empty/, 'applicationId');
    inputError(() => signer().signUserToken({ ...base, privateKey: a.publicKey }), /This is a public key/, 'privateKey');
  });

  it('an admin token has no sub and no acl, and lives 15 minutes by default', () => {
    const { header, claims } = parts(signer().signAdminToken({ applicationId: APP_ID, privateKey: a.privateKey }));
    assert.deepEqual(header, { alg: 'RS256', typ: 'JWT' });
    assert.deepEqual(Object.keys(claims).sort(), ['application_id', 'exp', 'iat', 'jti']);
    assert.equal(claims.exp - claims.iat, 900);
  });

  it('parses each private key once and reuses it for every later token (signing is the hot path)', () => {
    const s = signer();
    for (let i = 0; i < 25; i++) s.signUserToken({ applicationId: APP_ID, privateKey: a.privateKey, sub: `u${i}` });
    s.signAdminToken({ applicationId: APP_ID, privateKey: a.privateKey });
    assert.equal(s.keyParses, 1);
    s.signUserToken({ applicationId: APP_ID, privateKey: b.privateKey, sub: 'x' });
    s.signUserToken({ applicationId: APP_ID, privateKey: b.privateKey, sub: 'y' });
    assert.equal(s.keyParses, 2);
  });

  it('reuses a parsed key with a CRLF-pasted PEM too, and signs with the right key after switching', () => {
    const s = new JwtSigner();
    const tb = s.signUserToken({ applicationId: APP_ID, privateKey: b.privateKey.replace(/\n/g, '\r\n'), sub: 'x' });
    const ta = s.signUserToken({ applicationId: APP_ID, privateKey: a.privateKey, sub: 'x' });
    assert.ok(verifyToken(tb, b.publicKey));
    assert.ok(verifyToken(ta, a.publicKey));
    assert.throws(() => verifyToken(ta, b.publicKey), VonageInputError);
  });

  it("has the same header and claim names as the seed's `nexmo jwt:generate` for the same inputs", () => {
    // The seed tutorial runs: nexmo jwt:generate ./private.key sub=NAME exp=$(($(date +%s)+86400)) acl='{...}' application_id=APP.
    // Its generator (nexmo-node's JwtGenerator) builds {iat: now, jti: uuid, ...claims} and calls
    // jsonwebtoken.sign(toSign, <PEM>, {algorithm: 'RS256'}). Reproduce that and compare names and values.
    const iat = Math.floor(NOW / 1000);
    const seedAcl = { paths: { '/v1/users/**': {}, '/v1/conversations/**': {}, '/v1/sessions/**': {}, '/v1/devices/**': {}, '/v1/image/**': {}, '/v3/media/**': {}, '/v1/applications/**': {}, '/v1/push/**': {}, '/v1/knocking/**': {} } };
    const seedClaims = { sub: 'MY_USER_NAME', exp: iat + 86400, acl: seedAcl, application_id: APP_ID };
    const seedToken = jsonwebtoken.sign({ iat, jti: 'd1b8a0f0-0000-1000-8000-000000000000', ...seedClaims }, a.privateKey, { algorithm: 'RS256' });
    const ours = signer().signUserToken({ applicationId: APP_ID, privateKey: a.privateKey, sub: 'MY_USER_NAME', ttlSeconds: 86400, acl: seedAcl });
    const seed = parts(seedToken);
    const mine = parts(ours);
    assert.deepEqual(mine.header, seed.header);
    assert.deepEqual(Object.keys(mine.claims).sort(), Object.keys(seed.claims).sort());
    assert.deepEqual(Object.keys(mine.claims).sort(), ['acl', 'application_id', 'exp', 'iat', 'jti', 'sub']);
    for (const k of ['iat', 'sub', 'exp', 'acl', 'application_id']) assert.deepEqual(mine.claims[k], seed.claims[k], k);
  });
});

describe('core: decoding and verifying tokens', () => {
  let a: KeyPair;
  let b: KeyPair;
  before(async () => ([a, b] = await testKeys()));

  it('decodes header, claims, issue and expiry times, and says when it expires in words', () => {
    const t = new JwtSigner({ now: () => NOW }).signUserToken({ applicationId: APP_ID, privateKey: a.privateKey, sub: 'alice' });
    const d = decodeToken(t, NOW + 3600_000);
    assert.deepEqual(d.header, { alg: 'RS256', typ: 'JWT' });
    assert.equal(d.claims.sub, 'alice');
    assert.equal(d.issuedAt?.getTime(), Math.floor(NOW / 1000) * 1000);
    assert.equal(d.expiresAt?.getTime(), (Math.floor(NOW / 1000) + 86400) * 1000);
    assert.equal(d.expired, false);
    assert.equal(d.expiresInWords, 'expires in 23 hours');
    const later = decodeToken(t, (Math.floor(NOW / 1000) + 86400 + 120) * 1000);
    assert.equal(later.expired, true);
    assert.equal(later.expiresInWords, 'expired 2 minutes ago');
  });

  it('accepts a token with a "Bearer " prefix or quotes; a token without exp says Vonage applies 15 minutes', () => {
    const t = jsonwebtoken.sign({ application_id: APP_ID }, a.privateKey, { algorithm: 'RS256', noTimestamp: true });
    assert.equal(decodeToken(`Bearer ${t}`).claims.application_id, APP_ID);
    const d = decodeToken(` "${t}" `);
    assert.equal(d.expired, false);
    assert.match(d.expiresInWords, /no expiry.*15 minutes/);
  });

  it('accepts base64url segments with "=" padding, as the scanner does (some tools leave it on)', () => {
    const padded = (o: unknown) => { const s = Buffer.from(JSON.stringify(o)).toString('base64url'); return s + '='.repeat((4 - (s.length % 4)) % 4); };
    const [header, claims] = [{ alg: 'RS256', kid: 'k' }, { application_id: APP_ID, sub: 'al' }];
    const t = `${padded(header)}.${padded(claims)}.c2ln`;
    assert.match(t, /^[\w-]+=+\.[\w-]+=+\./, 'both segments are padded');
    const d = decodeToken(t);
    assert.deepEqual([d.header, d.claims], [header, claims]);
    inputError(() => decodeToken(`${padded(header)}===.${padded(claims)}.c2ln`), /header is not base64url/, 'token');
    inputError(() => decodeToken(`e=30.${padded(claims)}.c2ln`), /header is not base64url/, 'token');
  });

  for (const [text, why] of [
    ['', /empty/],
    ['not a token', /three parts separated by dots, this has 1/],
    ['a.b', /this has 2/],
    ['@@@.e30.x', /header is not base64url/],
    ['bm90IGpzb24.e30.x', /header is not JSON/],
    ['e30.WzFd.x', /payload is not a JSON object/],
  ] as const) {
    it(`decodeToken rejects ${JSON.stringify(text)}: ${String(why)}`, () => inputError(() => decodeToken(text), why, 'token'));
  }

  it('relativeTime speaks in seconds, minutes, hours and days', () => {
    assert.equal(relativeTime(45_000, 0), 'in 45 seconds');
    assert.equal(relativeTime(0, 60_000), '1 minute ago');
    assert.equal(relativeTime(23 * 3600_000 + 59 * 60_000, 0), 'in 24 hours');
    assert.equal(relativeTime(8 * 3600_000 - 1000, 0), 'in 8 hours', 'an 8-hour token read a second later still says 8 hours');
    assert.equal(relativeTime(3599_000, 0), 'in 1 hour');
    assert.equal(relativeTime(0, 89_000), '1 minute ago');
    assert.equal(relativeTime(0, 3 * 86400_000), '3 days ago');
    assert.equal(relativeTime(5, 0), 'now');
  });

  it('verifyToken returns the claims of a token signed by the matching key', () => {
    const t = new JwtSigner().signUserToken({ applicationId: APP_ID, privateKey: a.privateKey, sub: 'alice' });
    assert.equal(verifyToken(t, a.publicKey).sub, 'alice');
  });

  it('verifyToken rejects another key, a tampered payload, an expired token and garbage, each saying which', () => {
    const t = new JwtSigner().signUserToken({ applicationId: APP_ID, privateKey: a.privateKey, sub: 'alice' });
    inputError(() => verifyToken(t, b.publicKey), /not signed with the private key that matches this public key/);
    const [h, , s] = t.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'mallory', application_id: APP_ID })).toString('base64url');
    inputError(() => verifyToken(`${h}.${forged}.${s}`, a.publicKey), /not signed with the private key/);
    const old = new JwtSigner({ now: () => Date.now() - 2 * 86400_000 }).signUserToken({ applicationId: APP_ID, privateKey: a.privateKey, sub: 'a' });
    inputError(() => verifyToken(old, a.publicKey), /token expired at \d{4}-.*Generate a new one/);
    inputError(() => verifyToken('garbage', a.publicKey), /token is not valid/);
    inputError(() => verifyToken(t, 'not a key'), /public key is not a PEM key/, 'publicKey');
  });
});

describe('core: signing without jsonwebtoken.sign', () => {
  it('writes the very token jsonwebtoken would (same header, claims and RS256 signature)', async () => {
    const { privateKey } = (await testKeys())[0];
    const signer = new JwtSigner({ now: () => 1_800_000_000_000, uuid: () => 'fixed-jti' });
    const ours = signer.signUserToken({ applicationId: 'app-1', privateKey, sub: 'alice', ttlSeconds: 600 });
    const claims = jsonwebtoken.decode(ours) as Record<string, unknown>;
    const theirs = jsonwebtoken.sign(claims, privateKey, { algorithm: 'RS256', header: { alg: 'RS256', typ: 'JWT' } });
    assert.equal(ours, theirs);
  });

  it('refuses an RSA key shorter than 2048 bits, as jsonwebtoken did', () => {
    const small = crypto.generateKeyPairSync('rsa', { modulusLength: 1024, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    assert.throws(() => new JwtSigner().signUserToken({ applicationId: 'app-1', privateKey: small.privateKey, sub: 'alice' }), /has 1024 bits; RS256 tokens need a key of at least 2048 bits/);
  });
});
