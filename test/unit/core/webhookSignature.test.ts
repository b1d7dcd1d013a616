// The signature check of a callback: valid, invalid with the reason, unsigned; every rule Vonage documents
// (HS256 with the account's signature secret, api_key of this account, iat not in the future, exp when
// there is one, payload_hash of the body or of a GET's query as JSON), and what @vonage/jwt's
// verifySignature alone would let through.
import * as assert from 'node:assert/strict';
import * as crypto from 'crypto';
import * as jsonwebtoken from 'jsonwebtoken';
import { checkSignature, payloadHash, queryAsJson, signCallback } from '../../../src/vonage/webhooks/signature';

const SECRET = 'sig-secret-of-the-account';
const KEY = { secret: SECRET, apiKey: 'a1b2c3d' };
const post = (body: string, authorization?: string) => ({ method: 'POST', query: '', body, authorization });
const EVENT = JSON.stringify({ status: 'ringing', uuid: 'u-1', conversation_uuid: 'CON-1', from: '447700900000', to: 'alice' });

/** A token with exactly these claims (undefined ones left out), signed HS256 (or HS512) with `secret`. */
function token(claims: Record<string, unknown>, secret = SECRET, alg: 'HS256' | 'HS512' = 'HS256'): string {
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${crypto.createHmac(alg === 'HS256' ? 'sha256' : 'sha512', secret).update(input).digest('base64url')}`;
}

describe('core: the signature check of a callback', () => {
  it('a POST signed as Vonage signs it is valid, and its claims are decoded', () => {
    const jwt = signCallback({ method: 'POST', query: '', body: EVENT }, SECRET, KEY.apiKey, 'app-1');
    const check = checkSignature(post(EVENT, `Bearer ${jwt}`), KEY);
    assert.equal(check.verdict, 'valid');
    assert.equal(check.reason, undefined);
    assert.equal(check.claims?.iss, 'Vonage');
    assert.equal(check.claims?.application_id, 'app-1');
    assert.equal(check.claims?.payload_hash, crypto.createHash('sha256').update(EVENT).digest('hex'));
  });

  it('a GET: payload_hash is of the query parameters as compact JSON, in their order', () => {
    const query = 'to=447700900001&from=447700900000&uuid=u-1&conversation_uuid=CON-1&custom_data=%7B%22a%22%3A1%7D';
    assert.equal(queryAsJson(query), '{"to":"447700900001","from":"447700900000","uuid":"u-1","conversation_uuid":"CON-1","custom_data":"{\\"a\\":1}"}');
    const hash = crypto.createHash('sha256').update(queryAsJson(query)).digest('hex');
    assert.equal(payloadHash({ method: 'GET', query, body: '' }), hash);
    const jwt = token({ iat: Math.floor(Date.now() / 1000), jti: 'j', iss: 'Vonage', payload_hash: hash, api_key: KEY.apiKey });
    assert.equal(checkSignature({ method: 'GET', query, body: '', authorization: `Bearer ${jwt}` }, KEY).verdict, 'valid');
    const reordered = 'from=447700900000&to=447700900001&uuid=u-1&conversation_uuid=CON-1&custom_data=%7B%22a%22%3A1%7D';
    const check = checkSignature({ method: 'GET', query: reordered, body: '', authorization: `Bearer ${jwt}` }, KEY);
    assert.deepEqual([check.verdict, check.reason], ['invalid', "The query does not match the token's payload_hash: it was changed after Vonage signed it."]);
  });

  it('no Authorization header, or not a Bearer one: unsigned', () => {
    assert.deepEqual(checkSignature(post(EVENT), KEY), { verdict: 'unsigned' });
    assert.deepEqual(checkSignature(post(EVENT, 'Basic YTpi'), KEY), { verdict: 'unsigned' });
  });

  it('each failure says which rule failed', () => {
    const now = Math.floor(Date.now() / 1000);
    const good = { iat: now, jti: 'j', iss: 'Vonage', payload_hash: payloadHash({ method: 'POST', query: '', body: EVENT }), api_key: KEY.apiKey };
    const reason = (authorization: string, key: { secret: string | undefined; apiKey: string } = KEY, body = EVENT) => checkSignature(post(body, authorization), key).reason;
    assert.equal(reason('Bearer not-a-jwt'), 'The Authorization header holds no readable JWT.');
    assert.equal(reason(`Bearer ${token(good, 'another-secret')}`), 'The signature does not match the signature secret of the account a1b2c3d.');
    assert.equal(reason(`Bearer ${token({ ...good, api_key: 'someone' })}`), 'The token was issued for the API key "someone", not a1b2c3d (this account).');
    assert.match(reason(`Bearer ${token({ ...good, iat: now + 3600 })}`) ?? '', /^The token was issued in the future \(iat .+, 3600 s ahead of this clock\)\.$/);
    assert.equal(reason(`Bearer ${token({ ...good, iat: undefined })}`), 'The token has no issued-at time (iat).');
    assert.match(reason(`Bearer ${token({ ...good, exp: now - 3600 })}`) ?? '', /^The token expired at /);
    assert.equal(reason(`Bearer ${token({ ...good, payload_hash: undefined })}`), 'The token has no payload_hash, so the body cannot be checked.');
    assert.equal(reason(`Bearer ${token(good)}`, KEY, EVENT.replace('ringing', 'answered')), "The body does not match the token's payload_hash: it was changed after Vonage signed it.");
  });

  it('signed, but no signature secret set: not checked ("unchecked", not invalid), its claims still shown; a wrong algorithm is invalid all the same', () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iat: now, jti: 'j', iss: 'Vonage', payload_hash: payloadHash({ method: 'POST', query: '', body: EVENT }), api_key: KEY.apiKey };
    const noSecret = { secret: undefined, apiKey: KEY.apiKey };
    const check = checkSignature(post(EVENT, `Bearer ${token(claims)}`), noSecret);
    assert.deepEqual([check.verdict, check.reason, check.claims?.iss], ['unchecked', 'Signed, but not checked: no signature secret is set for the account a1b2c3d in this editor (Vonage: Set Signature Secret).', 'Vonage']);
    assert.equal(checkSignature(post(EVENT, `Bearer ${token(claims, SECRET, 'HS512')}`), noSecret).verdict, 'invalid');
    assert.deepEqual(checkSignature(post(EVENT), noSecret), { verdict: 'unsigned' });
  });

  it('a token in another algorithm is refused, whatever its claims (no "none", no algorithm confusion)', () => {
    const claims = { iat: Math.floor(Date.now() / 1000), api_key: KEY.apiKey, payload_hash: payloadHash({ method: 'POST', query: '', body: EVENT }) };
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    assert.equal(checkSignature(post(EVENT, `Bearer ${none}`), KEY).reason, 'The token is signed "none", not HS256 as Vonage signs callbacks.');
    assert.equal(checkSignature(post(EVENT, `Bearer ${token(claims, SECRET, 'HS512')}`), KEY).reason, 'The token is signed "HS512", not HS256 as Vonage signs callbacks.');
  });

  it('an iat a few seconds ahead (clocks differ) is accepted; a token without exp is fine (Vonage sets none)', () => {
    const jwt = signCallback({ method: 'POST', query: '', body: EVENT }, SECRET, KEY.apiKey, undefined, { iat: Math.floor(Date.now() / 1000) + 20 });
    assert.equal(checkSignature(post(EVENT, `Bearer ${jwt}`), KEY).verdict, 'valid');
  });

  it('what the signature alone (@vonage/jwt verifySignature) accepts and this check does not: a body changed after signing, another account', () => {
    const jwt = signCallback({ method: 'POST', query: '', body: EVENT }, SECRET, 'other-key');
    assert.doesNotThrow(() => jsonwebtoken.verify(jwt, SECRET, { algorithms: ['HS256'] }), 'the signature itself verifies');
    assert.equal(checkSignature(post(EVENT, `Bearer ${jwt}`), KEY).verdict, 'invalid');
    const own = signCallback({ method: 'POST', query: '', body: EVENT }, SECRET, KEY.apiKey);
    assert.doesNotThrow(() => jsonwebtoken.verify(own, SECRET, { algorithms: ['HS256'] }));
    assert.equal(checkSignature(post(`${EVENT} `, `Bearer ${own}`), KEY).verdict, 'invalid');
  });
});
