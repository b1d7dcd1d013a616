// The admin-token cache behind the Users client: one signature per (base URL, application, key) until
// shortly before the token expires, instead of one per request.
import * as assert from 'node:assert/strict';
import { ADMIN_TOKEN_RENEW_BEFORE_MS, AdminTokenCache } from '../../../src/credentials/adminTokens';

describe('credentials: admin token cache', () => {
  let now: number;
  let signed: number;
  let cache: AdminTokenCache;
  const sign = () => `token-${++signed}`;
  const get = (baseUrl = 'https://api.nexmo.com', appId = 'app-1', key = 'PEM-1', ttl = 900) => cache.get(baseUrl, appId, key, ttl, sign);

  beforeEach(() => {
    now = 1_000_000;
    signed = 0;
    cache = new AdminTokenCache(() => now);
  });

  it('several calls reuse one token', () => {
    assert.equal(get(), 'token-1');
    now += 10_000;
    assert.equal(get(), 'token-1');
    assert.equal(get(), 'token-1');
    assert.equal(signed, 1);
  });

  it('signs a new one ADMIN_TOKEN_RENEW_BEFORE_MS before the old one expires', () => {
    get();
    now += 900_000 - ADMIN_TOKEN_RENEW_BEFORE_MS - 1;
    assert.equal(get(), 'token-1');
    now += 1;
    assert.equal(get(), 'token-2');
    assert.equal(get(), 'token-2');
  });

  it('a token is per base URL, per application and per private key', () => {
    get();
    assert.equal(get('http://127.0.0.1:1234'), 'token-2');
    assert.equal(get(undefined, 'app-2'), 'token-3');
    assert.equal(get(undefined, undefined, 'PEM-2'), 'token-4', 'a replaced key gets a token signed with it');
    assert.equal(get(undefined, undefined, 'PEM-2'), 'token-4');
    assert.equal(get(), 'token-5', 'one entry per application: the old key\'s token was replaced');
  });

  it('a lifetime shorter than the margin is never reused', () => {
    get(undefined, undefined, undefined, 30);
    assert.equal(get(undefined, undefined, undefined, 30), 'token-2');
  });
});
