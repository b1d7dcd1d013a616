// The sandbox's Numbers and Account APIs (REST host): query auth, the inventory, owned numbers, a
// balance a purchase reduces, update that replaces settings, cancel, 420 refusals, faults.
import * as assert from 'node:assert/strict';
import { startSandbox, VonageSandbox } from '../../sandbox';
import { STARTING_BALANCE } from '../../sandbox/numbersApi';
import { basic, call, keyPair, RTC_APP } from './helpers';

describe('sandbox: numbers and balance', () => {
  let sb: VonageSandbox;

  before(async () => { sb = await startSandbox(); });
  after(() => sb.stop());
  beforeEach(() => sb.reset());

  const auth = (key = sb.apiKey, secret = sb.apiSecret) => `api_key=${encodeURIComponent(key)}&api_secret=${encodeURIComponent(secret)}`;
  const get = (path: string, query = '') => call(sb.url, 'GET', `${path}?${auth()}${query ? `&${query}` : ''}`);
  const post = (path: string, form: Record<string, string>, authQuery = auth()) => call(sb.url, 'POST', `${path}?${authQuery}`, {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  const firstForSale = async (country = 'GB', type = 'mobile-lvn') => (await get('/number/search', `country=${country}&type=${type}&size=1`)).json.numbers[0] as { msisdn: string; cost: string };

  it('without the right api_key and api_secret: 401 as the document shows it, for every path', async () => {
    for (const path of ['/account/get-balance', '/account/numbers', '/number/search?country=GB']) {
      const r = await call(sb.url, 'GET', `${path}${path.includes('?') ? '&' : '?'}api_key=${sb.apiKey}&api_secret=wrong`);
      assert.equal(r.status, 401, path);
      assert.deepEqual(r.json, { 'error-code': '401', 'error-code-label': 'authentication failed' });
    }
    assert.equal((await post('/number/buy', { country: 'GB', msisdn: '447700900000' }, 'api_key=x')).status, 401);
  });

  it('search: deterministic numbers per country and type with monthly prices; features and pattern filter', async () => {
    const gb = (await get('/number/search', 'country=GB&type=mobile-lvn&size=3')).json;
    assert.equal(gb.count, 100);
    assert.deepEqual(gb.numbers[0], { country: 'GB', msisdn: '447700900000', type: 'mobile-lvn', features: ['VOICE', 'SMS'], cost: '1.25' });
    assert.equal((await get('/number/search', 'country=US&features=SMS,MMS')).json.count, 100);
    const matching = (await get('/number/search', 'country=GB&pattern=00900004&search_pattern=1')).json.numbers as { msisdn: string }[];
    assert.deepEqual(matching.map((n) => n.msisdn), ['447700900004']);
    assert.equal((await get('/number/search', 'country=ZZ')).json.count, 0);
  });

  it('buy: the number becomes ours, the balance goes down by its monthly price, it is no longer for sale', async () => {
    const n = await firstForSale();
    const r = await post('/number/buy', { country: 'GB', msisdn: n.msisdn });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, { 'error-code': '200', 'error-code-label': 'success' });
    assert.equal((await get('/account/get-balance')).json.value, STARTING_BALANCE - Number(n.cost));
    assert.deepEqual((await get('/account/numbers')).json, { count: 1, numbers: [{ country: 'GB', msisdn: n.msisdn, type: 'mobile-lvn', features: ['VOICE', 'SMS'] }] });
    assert.notEqual((await firstForSale()).msisdn, n.msisdn);
  });

  it('refusals are 420 with a label and charge nothing: already ours, not for sale, insufficient balance', async () => {
    const n = await firstForSale();
    await post('/number/buy', { country: 'GB', msisdn: n.msisdn });
    const balance = (await get('/account/get-balance')).json.value as number;
    const again = await post('/number/buy', { country: 'GB', msisdn: n.msisdn });
    assert.deepEqual([again.status, again.json['error-code-label']], [420, 'You already own this number']);
    const unknown = await post('/number/buy', { country: 'GB', msisdn: '449999999999' });
    assert.deepEqual([unknown.status, unknown.json['error-code-label']], [420, 'method failed']);
    sb.numbers.setBalance(0.5);
    const poor = await post('/number/buy', { country: 'GB', msisdn: (await firstForSale()).msisdn });
    assert.deepEqual([poor.status, poor.json['error-code-label']], [420, 'Insufficient balance to buy this number']);
    sb.numbers.setBalance(balance);
    assert.equal(sb.numbers.ownedBy(sb.apiKey).length, 1);
  });

  it('owned numbers: size ≤ 100, index pages, application filter', async () => {
    sb.numbers.seedOwned(250);
    const pub = keyPair().publicKey;
    const [app] = sb.seedApplications(1, pub);
    sb.numbers.seedOwned(3, { applicationId: app.id });
    const p3 = (await get('/account/numbers', 'size=100&index=3')).json;
    assert.equal(p3.count, 253);
    assert.equal(p3.numbers.length, 53);
    assert.equal((await get('/account/numbers', `application_id=${app.id}`)).json.count, 3);
    assert.equal((await get('/account/numbers', 'size=101')).status, 400);
  });

  it('update replaces the settings: what is sent stays, what is not is cleared; an unknown application is refused', async () => {
    const created = await call(sb.url, 'POST', '/v2/applications', { headers: basic(sb), body: RTC_APP });
    const [n] = sb.numbers.seedOwned(1, { settings: { moHttpUrl: 'https://example.com/sms', voiceStatusCallback: 'https://example.com/status' } });
    assert.equal((await post('/number/update', { country: 'GB', msisdn: n.msisdn, app_id: created.json.id, moHttpUrl: 'https://example.com/sms' })).status, 200);
    assert.deepEqual(sb.numbers.ownedBy(sb.apiKey)[0], { country: 'GB', msisdn: n.msisdn, type: 'mobile-lvn', features: ['VOICE', 'SMS'], app_id: created.json.id, moHttpUrl: 'https://example.com/sms' });
    const bad = await post('/number/update', { country: 'GB', msisdn: n.msisdn, app_id: 'no-such-app' });
    assert.deepEqual([bad.status, bad.json['error-code-label']], [420, 'Invalid application id']);
  });

  it('cancel: the number goes; a number that is not ours is a 420', async () => {
    const [n] = sb.numbers.seedOwned(1);
    assert.equal((await post('/number/cancel', { country: 'GB', msisdn: n.msisdn })).status, 200);
    assert.deepEqual(sb.numbers.ownedBy(sb.apiKey), []);
    assert.equal((await post('/number/cancel', { country: 'GB', msisdn: n.msisdn })).status, 420);
  });

  it('another account sees only its own numbers and balance', async () => {
    sb.addAccount('other-key', 'other-secret');
    sb.numbers.seedOwned(2);
    assert.equal((await call(sb.url, 'GET', `/account/numbers?${auth('other-key', 'other-secret')}`)).json.count, 0);
  });

  it('faults apply: a purchase processed then its answer lost really happened', async () => {
    const n = await firstForSale();
    sb.failNext(1, { kind: 'resetAfter' }, { pathPrefix: '/number/buy' });
    await assert.rejects(post('/number/buy', { country: 'GB', msisdn: n.msisdn }));
    assert.deepEqual(sb.numbers.ownedBy(sb.apiKey).map((o) => o.msisdn), [n.msisdn]);
    sb.failNext(1, { status: 503 });
    const r = await get('/account/numbers');
    assert.deepEqual([r.status, r.json['error-code']], [503, '503']);
  });
});
