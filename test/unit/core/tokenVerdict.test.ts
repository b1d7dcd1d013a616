// The verdict on a token, on tables of claims: each state and each problem, Vonage's 15-minute rule for
// a token without exp, numeric strings, the signature outcomes; and renewal that keeps the lifetime.
import * as assert from 'node:assert/strict';
import * as crypto from 'crypto';
import {
  JwtSigner, judgeToken, publicKeyOfPem, publicKeyOfPrivatePem, renewalPlan, renewedLifetime, rs256SignatureValid,
  shortRelative, verdictSummary, VerdictCache, type SignatureStatus, type TokenState,
} from '../../../src/vonage';
import { testKeys } from './helpers';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);
const T = NOW / 1000;
const APP = 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab';
const RS = { alg: 'RS256', typ: 'JWT' };
const user = (over: Record<string, unknown> = {}) => ({ application_id: APP, iat: T - 3600, jti: 'j', exp: T + 82800, sub: 'alice', ...over });

describe('token verdict: states', () => {
  const table: [string, Record<string, unknown>, TokenState, RegExp][] = [
    ['valid, 23 h left', user(), 'valid', /^Valid: expires in 23 h\.$/],
    ['expiring within the hour', user({ exp: T + 1800 }), 'expiringSoon', /^Expires in 30 min: regenerate it soon\.$/],
    ['exactly one hour left counts as expiring soon', user({ exp: T + 3600 }), 'expiringSoon', /in 1 h/],
    ['expired', user({ iat: T - 86400, exp: T - 7200 }), 'expired', /^Expired 2 h ago: Vonage rejects it\. Regenerate it\.$/],
    ['expired at this very second', user({ exp: T }), 'expired', /^Expired now/],
    ['issued in the future beyond the skew', user({ iat: T + 7200, exp: T + 10800 }), 'notYetValid', /^Not valid yet: it starts in 2 h\./],
    ['iat in the future within the skew is fine', user({ iat: T + 30, exp: T + 3630 }), 'valid', /Valid/],
    ['nbf in the future', user({ nbf: T + 600 }), 'notYetValid', /starts in 10 min/],
    ['no exp: a 15-minute token, 5 minutes left', user({ iat: T - 600, exp: undefined }), 'expiringSoon', /in 5 min \(no exp: Vonage allows 15 minutes\)/],
    ['no exp, issued an hour ago: expired', user({ iat: T - 3600, exp: undefined }), 'expired', /^Expired 45 min ago \(no exp/],
    ['numeric strings, as one Vonage docs sample writes them', user({ iat: String(T - 10), exp: String(T + 7200) }), 'valid', /in 2 h/],
  ];
  for (const [name, claims, state, summary] of table) {
    it(name, () => {
      const v = judgeToken({ header: RS, claims }, 'verified', NOW);
      assert.equal(v.state, state, verdictSummary(v, NOW));
      assert.deepEqual(v.problems, []);
      assert.match(verdictSummary(v, NOW), summary);
    });
  }
});

describe('token verdict: why Vonage would reject it', () => {
  const table: [string, Record<string, unknown>, Record<string, unknown>, SignatureStatus, string, string][] = [
    ['alg HS256', { alg: 'HS256' }, user(), 'unknown', 'It is signed with "HS256"; Vonage accepts only RS256.', 'signed with HS256, not RS256'],
    ['alg none', { alg: 'none' }, user(), 'unknown', 'It is signed with "none"; Vonage accepts only RS256.', 'signed with none, not RS256'],
    ['a signature that does not verify', RS, user(), 'invalid', 'Its signature does not verify with the application\'s key: it was not signed with this application\'s private key, or it was changed since.', 'signature does not verify'],
    ['lives 48 hours', RS, user({ iat: T, exp: T + 172800 }), 'verified', 'It lives 48 hours; Vonage accepts at most 24.', 'lives 48 hours (at most 24 hours)'],
    ['lives one second too long', RS, user({ iat: T, exp: T + 86401 }), 'verified', 'It lives 86401 seconds; Vonage accepts at most 24 hours (86400 seconds).', 'lives 86401 seconds (at most 24 hours)'],
    ['exp in milliseconds', RS, user({ exp: (T + 3600) * 1000 }), 'verified', `Its exp ${(T + 3600) * 1000} is in milliseconds; JWT times are seconds since 1970, so Vonage reads it as a date thousands of years away.`, 'exp is in milliseconds'],
    ['exp not a number', RS, user({ exp: 'tomorrow' }), 'verified', 'Its exp "tomorrow" is not a time in seconds; Vonage cannot read it.', 'exp is not a time'],
    ['neither iat nor exp', RS, user({ iat: undefined, exp: undefined }), 'verified', 'It has neither iat nor exp; Vonage rejects a token without them.', 'no iat or exp'],
    ['no iat (an exp alone does not do)', RS, user({ iat: undefined }), 'verified', 'It has no iat (when it was issued); Vonage requires one: its 24 hours count from it.', 'no iat'],
    ['no jti', RS, user({ jti: undefined }), 'verified', 'It has no jti (a unique token id); Vonage requires one.', 'no jti'],
    ['exp before iat', RS, user({ iat: T, exp: T - 10 }), 'verified', 'Its exp is not after its iat, so it never was valid.', 'exp is not after iat'],
  ];
  for (const [name, header, claims, signature, problem, short] of table) {
    it(name, () => {
      const v = judgeToken({ header, claims }, signature, NOW);
      assert.equal(v.state, 'invalid');
      assert.deepEqual(v.problems.map((p) => p.message), [problem]);
      assert.equal(v.problems[0].short, short, 'the few words a CodeLens shows');
      assert.equal(verdictSummary(v, NOW), `Vonage will reject this token. ${problem}`);
      assert.equal(v.nextChangeAtMs, undefined, 'an invalid token stays invalid: no timer for it');
    });
  }

  it('lists every problem, one sentence each', () => {
    const v = judgeToken({ header: { alg: 'HS256' }, claims: user({ jti: undefined, iat: T, exp: T + 172800 }) }, 'invalid', NOW);
    assert.equal(v.problems.length, 4);
  });

  it('no iat and an exp that is not a time: both said, each in its own sentence', () => {
    const v = judgeToken({ header: RS, claims: user({ iat: undefined, exp: 'soon' }) }, 'verified', NOW);
    assert.deepEqual(v.problems.map((p) => p.code), ['notATime', 'noIat']);
  });

  it('a token without application_id is not a Vonage token: decoded, no verdict', () => {
    const v = judgeToken({ header: RS, claims: { sub: 'x', exp: T - 10 } }, 'unknown', NOW);
    assert.equal(v.vonage, false);
    assert.equal(v.state, undefined);
    assert.deepEqual(v.problems, []);
    assert.match(verdictSummary(v, NOW), /^Not a Vonage token/);
  });

  it('an unknown signature is said as unknown, never counted as a problem', () => {
    const v = judgeToken({ header: RS, claims: user() }, 'unknown', NOW);
    assert.equal(v.state, 'valid');
    assert.equal(v.signature, 'unknown');
  });
});

describe('token verdict: the next change in time (one timer for all)', () => {
  it('a valid token changes an hour before exp, then at exp', () => {
    const exp = T + 7200;
    const v = judgeToken({ header: RS, claims: user({ exp }) }, 'verified', NOW);
    assert.equal(v.nextChangeAtMs, (exp - 3600) * 1000);
    const later = judgeToken({ header: RS, claims: user({ exp }) }, 'verified', (exp - 3600) * 1000);
    assert.equal(later.state, 'expiringSoon');
    assert.equal(later.nextChangeAtMs, exp * 1000);
    assert.equal(judgeToken({ header: RS, claims: user({ exp }) }, 'verified', exp * 1000).nextChangeAtMs, undefined);
  });

  it('a token not valid yet changes when it starts', () => {
    const v = judgeToken({ header: RS, claims: user({ iat: T + 600, exp: T + 9000 }) }, 'verified', NOW);
    assert.equal(v.nextChangeAtMs, (T + 600 - 60) * 1000);
  });
});

describe('verdict cache: a token is judged again only when its state can have changed', () => {
  it('reuses the verdict until the next change, and re-judges after it or on another signature outcome', () => {
    const cache = new VerdictCache();
    const token = { header: RS, claims: user({ exp: T + 7200 }) };
    const first = cache.judge(token, 'unknown', NOW);
    assert.equal(cache.judge(token, 'unknown', NOW + 1000), first, 'the same object: not judged again');
    assert.equal(cache.judge({ ...token }, 'unknown', NOW + 1000), first, 'a rescan keeps the claims object, so the verdict too');
    const later = cache.judge(token, 'unknown', (T + 3600) * 1000);
    assert.notEqual(later, first);
    assert.equal(later.state, 'expiringSoon');
    assert.equal(cache.judge(token, 'invalid', (T + 3600) * 1000).state, 'invalid');
    assert.equal(cache.judge({ header: RS, claims: { ...token.claims } }, 'unknown', NOW).state, 'valid', 'equal claims in another object are judged on their own');
  });
});

describe('token renewal: same application, sub, acl and lifetime', () => {
  it('keeps the lifetime, capped at 24 hours; 15 minutes without exp', () => {
    assert.equal(renewedLifetime(user({ iat: T, exp: T + 3600 })), 3600);
    assert.equal(renewedLifetime(user({ iat: T, exp: T + 172800 })), 86400);
    assert.equal(renewedLifetime(user({ iat: String(T), exp: String(T + 7200) })), 7200);
    assert.equal(renewedLifetime(user({ exp: undefined })), 900);
    assert.equal(renewedLifetime(user({ iat: undefined })), 86400);
    assert.equal(renewedLifetime({ application_id: APP, exp: T }), 900, 'an admin token (no sub) whose lifetime cannot be read gets 15 minutes');
    assert.equal(renewedLifetime(user({ exp: (T + 10) * 1000 })), 86400, 'a millisecond exp is not a lifetime');
  });

  it('signs a fresh token with the same claims but iat, jti, exp (and nbf = iat)', async () => {
    const [{ privateKey, publicKey }] = await testKeys();
    const acl = { paths: { '/*/users/**': {}, '/*/conversations/**': { methods: ['GET'] } } };
    const old = user({ iat: T - 90000, exp: T - 90000 + 7200, acl, custom: 'kept', nbf: T - 90000 });
    const signer = new JwtSigner({ now: () => NOW, uuid: () => 'new-jti' });
    const token = signer.signRenewal(renewalPlan(old), privateKey);
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    assert.deepEqual(claims, { application_id: APP, sub: 'alice', acl, custom: 'kept', iat: T, jti: 'new-jti', exp: T + 7200, nbf: T });
    assert.ok(rs256SignatureValid(token, publicKeyOfPem(publicKey)));
    assert.ok(rs256SignatureValid(token, publicKeyOfPrivatePem(privateKey)));
  });
});

describe('token signature check', () => {
  it('verifies with the matching key only, and says no to a changed token', async () => {
    const [a, b] = await testKeys();
    const token = new JwtSigner().signUserToken({ applicationId: APP, privateKey: a.privateKey, sub: 'alice' });
    assert.equal(rs256SignatureValid(token, publicKeyOfPem(a.publicKey)), true);
    assert.equal(rs256SignatureValid(token, publicKeyOfPem(b.publicKey)), false);
    const [h, , s] = token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify(user({ sub: 'mallory' }))).toString('base64url')}.${s}`;
    assert.equal(rs256SignatureValid(forged, publicKeyOfPem(a.publicKey)), false);
    assert.equal(rs256SignatureValid(`${h}.x.`, publicKeyOfPem(a.publicKey)), false);
    const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    assert.equal(rs256SignatureValid(token, ec), false);
  });
});

describe('short relative times', () => {
  const table: [number, string][] = [[0, 'now'], [45, 'in 45 s'], [-90, '2 min ago'], [3 * 3600, 'in 3 h'], [-2 * 3600, '2 h ago'], [47 * 3600, 'in 47 h'], [3 * 86400, 'in 3 days']];
  for (const [seconds, words] of table) it(`${seconds} s → ${words}`, () => assert.equal(shortRelative(NOW + seconds * 1000, NOW), words));
});
