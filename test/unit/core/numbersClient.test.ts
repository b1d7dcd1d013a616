import * as assert from 'node:assert/strict';
import {
  AccountClient, NumbersClient, VonageApiError, VonageHttpClient, VonageInputError, checkedMsisdn, checkedSearch, formatMsisdn, formatMonthlyCost,
} from '../../../src/vonage';
import { type Call, client, json, localServer, overlappingFetch, scriptedFetch, type Scripted, rejection } from './helpers';

const SECRET = 'S3cr3t+/=&Value';
const CREDS = { apiKey: 'key123', apiSecret: SECRET };
const OK = json(200, { 'error-code': '200', 'error-code-label': 'success' });

function owned(msisdn: string, extra: Record<string, unknown> = {}) {
  return { country: 'GB', msisdn, type: 'mobile-lvn', features: ['VOICE', 'SMS'], ...extra };
}
function page(count: number, numbers: unknown[]): Scripted {
  return json(200, { count, numbers });
}
function numbers(...script: Scripted[]) {
  const f = scriptedFetch(...script);
  return { f, api: new NumbersClient(client(f).http, CREDS) };
}
const query = (c: Call) => new URL(c.url).searchParams;
const form = (c: Call) => new URLSearchParams(c.body ?? '');

/** Everything an error carries that could reach a log line or a message: it must not hold the secret. */
function everythingIn(e: unknown): string {
  const seen = new Set<unknown>();
  const walk = (v: unknown): string => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return String(v);
    seen.add(v);
    const o = v as Record<string, unknown> & Error;
    return [o.message, o.stack, ...Object.keys(o).map((k) => walk(o[k])), walk(o.cause)].join('\n');
  };
  return walk(e);
}

describe('core: numbers (REST host, query auth)', () => {
  it('sends api_key and api_secret as query parameters on every call, never an Authorization header', async () => {
    const { f, api } = numbers(page(0, []), OK);
    await api.list();
    await api.buy('gb', '447700900001');
    for (const c of f.calls) {
      assert.equal(query(c).get('api_key'), 'key123');
      assert.equal(query(c).get('api_secret'), SECRET);
      assert.equal(c.headers.Authorization, undefined);
    }
  });

  it('posts form-encoded bodies (country upper-cased, msisdn as digits)', async () => {
    const { f, api } = numbers(OK);
    assert.deepEqual(await api.buy('gb', '+44 7700-900001'), { country: 'GB', msisdn: '447700900001', settledBy: 'answer' });
    assert.equal(f.calls[0].method, 'POST');
    assert.equal(f.calls[0].headers['Content-Type'], 'application/x-www-form-urlencoded');
    assert.equal(new URL(f.calls[0].url).pathname, '/number/buy');
    assert.deepEqual(Object.fromEntries(form(f.calls[0])), { country: 'GB', msisdn: '447700900001' });
  });

  it('lists every owned number: the first page gives the count, the rest are fetched side by side', async () => {
    const f = overlappingFetch((call) => {
      const index = Number(query(call).get('index'));
      const start = (index - 1) * 100;
      const n = Math.min(100, 250 - start);
      return { status: 200, body: { count: 250, numbers: Array.from({ length: n }, (_, i) => owned(String(447700000000 + start + i))) } };
    });
    const list = await new NumbersClient(client(f).http, CREDS).list();
    assert.equal(list.length, 250);
    assert.deepEqual(f.calls.map((c) => query(c).get('index')), ['1', '2', '3']);
    assert.ok(f.calls.every((c) => query(c).get('size') === '100'));
    assert.equal(f.mostInFlight(), 2, 'pages 2 and 3 were in flight together');
  });

  it('reads a link from app_id, or from the older voice callback of type "app"', async () => {
    const { api } = numbers(page(3, [
      owned('1', { app_id: 'app-new' }),
      owned('2', { voiceCallbackType: 'app', voiceCallbackValue: 'app-old' }),
      owned('3', { voiceCallbackType: 'sip', voiceCallbackValue: 'sip:me@example.com' }),
    ]));
    assert.deepEqual((await api.list()).map((n) => n.applicationId), ['app-new', 'app-old', undefined]);
  });

  it('search: checked first, features sent in a spelling the document lists, prices read', async () => {
    const { f, api } = numbers(json(200, { count: 1, numbers: [{ country: 'GB', msisdn: '447700900123', type: 'mobile-lvn', cost: '1.25', features: ['VOICE', 'SMS'] }] }));
    const found = await api.search({ country: 'gb', type: 'mobile-lvn', features: ['voice', 'sms'], pattern: '7700' });
    assert.deepEqual(found, [{ country: 'GB', msisdn: '447700900123', type: 'mobile-lvn', cost: '1.25', features: ['VOICE', 'SMS'] }]);
    assert.equal(query(f.calls[0]).get('features'), 'SMS,VOICE');
    assert.equal(query(f.calls[0]).get('pattern'), '7700');
    assert.equal(query(f.calls[0]).get('search_pattern'), '1');
    for (const bad of [{ country: 'GBR' }, { country: 'GB', type: 'satellite' }, { country: 'GB', features: ['FAX'] }, { country: 'GB', pattern: '77a' }]) {
      assert.throws(() => checkedSearch(bad), VonageInputError, JSON.stringify(bad));
    }
  });

  describe('money: a buy or cancel is sent once; a lost answer is settled by reading the owned numbers', () => {
    for (const [what, lost] of [
      ['a reset', { throws: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) }],
      ['a 503', json(503, { title: 'Service Unavailable' })],
      ['a 502 HTML page', { status: 502, body: '<html>bad gateway</html>', headers: { 'content-type': 'text/html' } }],
    ] as const) {
      it(`${what} after buying, and the number is ours: bought (settled by reading), never sent twice`, async () => {
        const { f, api } = numbers(lost, page(1, [owned('447700900001')]));
        assert.deepEqual(await api.buy('GB', '447700900001'), { country: 'GB', msisdn: '447700900001', settledBy: 'reading' });
        assert.deepEqual(f.calls.map((c) => `${c.method} ${new URL(c.url).pathname}`), ['POST /number/buy', 'GET /account/numbers']);
      });
    }

    it('the answer lost and the number not ours: not bought, nothing charged, said plainly', async () => {
      const { f, api } = numbers(json(504, {}), page(0, []));
      const e = await rejection(api.buy('GB', '447700900001'));
      assert.match(e.message, /^Vonage did not confirm buying \+44 7700 900001 \(answer 504\), and it is not among your numbers: it was not bought and nothing was charged\. Try again if you still want it\.$/);
      assert.equal(f.calls.filter((c) => c.method === 'POST').length, 1);
    });

    it('the answer lost and the account unreadable: outcome unknown, with what to check before trying again', async () => {
      const { f, api } = numbers({ throws: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) }, json(500, {}));
      const e = await rejection(api.buy('GB', '447700900001'));
      assert.match(e.message, /whether it was bought is unknown\. Check your numbers \(Vonage: Refresh Numbers\) before trying again, so you do not pay twice\./);
      assert.equal(f.calls.filter((c) => c.method === 'POST').length, 1, 'the buy is never repeated');
    });

    it('cancel: a lost answer and the number gone is a cancel; still there is not', async () => {
      const gone = numbers(json(503, {}), page(0, []));
      assert.equal((await gone.api.cancel('GB', '447700900001')).settledBy, 'reading');
      const kept = numbers(json(503, {}), page(1, [owned('447700900001')]));
      assert.match((await rejection(kept.api.cancel('GB', '447700900001'))).message, /it is still among your numbers: it was not cancelled/);
    });

    for (const [label, said] of [
      ['Insufficient balance to buy this number', /^Your balance does not cover \+44 7700 900001 \(420: Insufficient balance to buy this number\)\. Top up your account on the Vonage dashboard and try again; nothing was charged\.$/],
      ['You already own this number', /^\+44 7700 900001 is already one of your numbers \(420: You already own this number\); nothing was charged\.$/],
      ['method failed', /^Vonage would not sell \+44 7700 900001 \(420: method failed\): someone may have bought it meanwhile.*nothing was charged\.$/],
    ] as const) {
      it(`a 420 "${label}" is one sentence, and no reading or retry follows`, async () => {
        const { f, api } = numbers(json(420, { 'error-code': '420', 'error-code-label': label }));
        assert.match((await rejection(api.buy('GB', '447700900001'))).message, said);
        assert.equal(f.calls.length, 1);
      });
    }

    it('an old-style 200 whose error-code is not 200 is a refusal too', async () => {
      const { api } = numbers(json(200, { 'error-code': '420', 'error-code-label': 'Insufficient balance' }));
      assert.match((await rejection(api.buy('GB', '447700900001'))).message, /^Your balance does not cover/);
    });
  });

  describe('link and unlink: the update replaces every setting, so the others are sent back as they were', () => {
    const settings = { moHttpUrl: 'https://example.com/sms', voiceStatusCallback: 'https://example.com/status', voiceCallbackType: 'sip', voiceCallbackValue: 'sip:me@example.com' };

    it('link: the number is read first, then sent back with app_id and its other settings', async () => {
      const { f, api } = numbers(page(1, [owned('447700900001', settings)]), OK);
      const linked = await api.link('447700900001', 'app-1');
      assert.equal(linked.applicationId, 'app-1');
      assert.deepEqual(Object.fromEntries(form(f.calls[1])), { country: 'GB', msisdn: '447700900001', app_id: 'app-1', ...settings });
    });

    it('unlink: the same without app_id; an older "app" voice link goes with it', async () => {
      const { f, api } = numbers(page(1, [owned('447700900001', { voiceCallbackType: 'app', voiceCallbackValue: 'app-old', moHttpUrl: 'https://example.com/sms' })]), OK);
      assert.equal((await api.unlink('447700900001')).applicationId, undefined);
      assert.deepEqual(Object.fromEntries(form(f.calls[1])), { country: 'GB', msisdn: '447700900001', moHttpUrl: 'https://example.com/sms' });
    });

    it('a number that is not ours any more is refused before anything is sent', async () => {
      const { f, api } = numbers(page(0, []));
      assert.match((await rejection(api.link('447700900001', 'app-1'))).message, /^\+44 7700 900001 is not one of your numbers \(any more\)/);
      assert.equal(f.calls.filter((c) => c.method === 'POST').length, 0);
    });

    it('a lost answer is settled by reading the number back', async () => {
      const { f, api } = numbers(page(1, [owned('447700900001')]), json(503, {}), page(1, [owned('447700900001', { app_id: 'app-1' })]));
      assert.equal((await api.link('447700900001', 'app-1')).applicationId, 'app-1');
      assert.equal(f.calls.filter((c) => c.method === 'POST').length, 1);
    });
  });

  describe('the secret never leaves in an error: message, url, cause, stack', () => {
    const echo = `https://rest.example.test/number/buy?api_key=key123&api_secret=${encodeURIComponent(SECRET)}`;
    for (const [what, step] of [
      ['a network error whose message holds the URL', { throws: Object.assign(new Error(`request to ${echo} failed, reason: connect ECONNREFUSED`), { code: 'ECONNREFUSED' }) }],
      ['a proxy page echoing the URL', { status: 502, body: `<html>Bad gateway for ${echo} (${SECRET})</html>`, headers: { 'content-type': 'text/html' } }],
      ['a 401 echoing the query', json(401, { 'error-code': '401', 'error-code-label': `authentication failed for api_secret=${SECRET}` })],
      ['a 420 label echoing the secret', json(420, { 'error-code': '420', 'error-code-label': `method failed (${SECRET})` })],
    ] as const) {
      it(what, async () => {
        const { api } = numbers(step, json(500, {}));
        const e = await rejection(api.buy('GB', '447700900001'));
        assert.ok(e instanceof VonageApiError);
        const all = everythingIn(e);
        assert.ok(!all.includes(SECRET) && !all.includes(encodeURIComponent(SECRET)), all);
        assert.ok(!e.url.includes('api_secret'), e.url);
      });
    }

    it('a timeout (a real socket that never answers)', async () => {
      const server = await localServer(() => undefined);
      try {
        const real = new VonageHttpClient({ baseUrl: server.url, userAgent: 'test', timeoutMs: 100, maxRetries: 0 });
        const e = await rejection(new AccountClient(real, CREDS).balance());
        assert.equal((e as VonageApiError).kind, 'timeout');
        assert.ok(!everythingIn(e).includes(SECRET));
      } finally {
        await server.close();
      }
    });
  });

  it('balance: value and autoReload', async () => {
    const f = scriptedFetch(json(200, { value: 10.171275, autoReload: false }));
    assert.deepEqual(await new AccountClient(client(f).http, CREDS).balance(), { value: 10.171275, autoReload: false });
    assert.equal(new URL(f.calls[0].url).pathname, '/account/get-balance');
    assert.equal(query(f.calls[0]).get('api_secret'), SECRET);
  });

  it('formats numbers and prices for a person', () => {
    assert.equal(formatMsisdn('447700900123'), '+44 7700 900123');
    assert.equal(formatMsisdn('12015550123'), '+1 201 555 0123');
    assert.equal(formatMsisdn('33612345678'), '+33 6 12 34 56 78', 'each country grouped its own way, not the UK\'s');
    assert.equal(formatMsisdn('999'), '+999');
    assert.equal(formatMonthlyCost('1.25'), '€1.25 a month');
    assert.equal(checkedMsisdn('+44 (7700) 900-123'), '447700900123');
    assert.throws(() => checkedMsisdn('call me'), /is not a phone number/);
  });
});
