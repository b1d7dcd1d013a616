import * as assert from 'node:assert/strict';
import {
  VoiceClient, VonageApiError, VonageInputError, callFrom, checkedE164, endpointLabel, isLive, SETTLE_WINDOW_MS, type CreateCallInput,
} from '../../../src/vonage';
import { type Call, client, json, overlappingFetch, scriptedFetch, type Scripted, rejection } from './helpers';

const TOKEN = 'admin.token.value';
const NOW = Date.parse('2026-05-04T10:00:00.500Z');
const reset: Scripted = { throws: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) };
const TO_ALICE = { type: 'app', user: 'alice' } as const;
const TALK = [{ action: 'talk', text: 'Hello' }];

function voice(...script: Scripted[]) {
  const f = scriptedFetch(...script);
  return { f, api: new VoiceClient(client(f, { maxRetries: 0 }).http, () => TOKEN, { now: () => NOW }) };
}
const body = (c: Call) => JSON.parse(c.body ?? 'null') as Record<string, unknown>;
const query = (c: Call) => new URL(c.url).searchParams;
const route = (c: Call) => `${c.method} ${new URL(c.url).pathname}`;
const posts = (calls: Call[]) => calls.filter((c) => c.method === 'POST').length;

function rawCall(uuid: string, extra: Record<string, unknown> = {}) {
  return { uuid, conversation_uuid: `CON-${uuid}`, status: 'ringing', direction: 'outbound', to: { type: 'app', user: 'alice' }, from: { type: 'phone', number: '447700900001' }, ...extra };
}
function callsPage(count: number, calls: unknown[], recordIndex = 0): Scripted {
  return json(200, { count, page_size: 100, record_index: recordIndex, _links: { self: { href: '/calls' } }, _embedded: { calls } });
}
const CREATED = json(201, { uuid: 'u-1', status: 'started', direction: 'outbound', conversation_uuid: 'CON-1' });

describe('core: voice', () => {
  describe('create', () => {
    it('sends one POST with the admin token: to an app user with an inline NCCO', async () => {
      const { f, api } = voice(CREATED);
      assert.deepEqual(await api.create({ to: TO_ALICE, ncco: TALK }), { uuid: 'u-1', conversationUuid: 'CON-1', status: 'started', direction: 'outbound', settledBy: 'answer' });
      assert.equal(route(f.calls[0]), 'POST /v1/calls');
      assert.equal(f.calls[0].headers.Authorization, `Bearer ${TOKEN}`);
      assert.deepEqual(body(f.calls[0]), { to: [{ type: 'app', user: 'alice' }], ncco: TALK });
    });

    it('to a phone, from a number, with an answer URL and methods: numbers sent as E.164 digits, URLs as arrays', async () => {
      const { f, api } = voice(CREATED);
      await api.create({
        to: { type: 'phone', number: '+44 7700-900000' }, from: { type: 'phone', number: '+447700900001' },
        answerUrl: ' https://example.com/answer ', answerMethod: 'POST', eventUrl: 'https://example.com/event', eventMethod: 'GET',
      });
      assert.deepEqual(body(f.calls[0]), {
        to: [{ type: 'phone', number: '447700900000' }], from: { type: 'phone', number: '447700900001' },
        answer_url: ['https://example.com/answer'], answer_method: 'POST', event_url: ['https://example.com/event'], event_method: 'GET',
      });
    });

    it('random_from_number instead of from', async () => {
      const { f, api } = voice(CREATED);
      await api.create({ to: { type: 'phone', number: '447700900000' }, randomFromNumber: true, ncco: TALK });
      assert.equal(body(f.calls[0]).random_from_number, true);
      assert.equal(body(f.calls[0]).from, undefined);
    });

    const badInputs: [string, unknown, RegExp][] = [
      ['no endpoint', { ncco: TALK }, /^Say what to call \(to\)/],
      ['a phone number too short', { to: { type: 'phone', number: '12345' }, ncco: TALK }, /^"12345" is not a phone number Vonage can call/],
      ['letters in a number', { to: { type: 'phone', number: '+44 7700 CALLME' }, ncco: TALK }, /is not a phone number/],
      ['an app endpoint without a user', { to: { type: 'app', user: ' ' }, ncco: TALK }, /^Say which user of the application to call/],
      ['a SIP address without a host', { to: { type: 'sip', uri: 'sip:alice' }, ncco: TALK }, /is not a SIP address/],
      ['a WebSocket over http', { to: { type: 'websocket', uri: 'http://example.com' }, ncco: TALK }, /is not a WebSocket address/],
      ['from and randomFromNumber', { to: TO_ALICE, from: { type: 'phone', number: '447700900001' }, randomFromNumber: true, ncco: TALK }, /either the number to call from \(from\) or randomFromNumber, not both/],
      ['neither ncco nor answer URL', { to: TO_ALICE }, /an NCCO \(ncco\) or an answer URL \(answerUrl\), one of the two/],
      ['both ncco and answer URL', { to: TO_ALICE, ncco: TALK, answerUrl: 'https://example.com/a' }, /one of the two/],
      ['an empty NCCO', { to: TO_ALICE, ncco: [] }, /non-empty JSON array of actions/],
      ['an NCCO of strings', { to: TO_ALICE, ncco: ['talk'] }, /non-empty JSON array of actions/],
      ['an answer URL that is not one', { to: TO_ALICE, answerUrl: 'example.com/answer' }, /The voice answer URL "example.com\/answer" is not a URL/],
      ['an event method that is not GET or POST', { to: TO_ALICE, ncco: TALK, eventMethod: 'PUT' }, /eventMethod must be GET or POST/],
    ];
    for (const [what, input, said] of badInputs) {
      it(`refuses ${what} before anything is sent`, async () => {
        const { f, api } = voice(CREATED);
        const e = await rejection(api.create(input as CreateCallInput));
        assert.ok(e instanceof VonageInputError, String(e));
        assert.match(e.message, said);
        assert.equal(f.calls.length, 0);
      });
    }

    describe('a lost answer is settled by reading the application\'s calls; the POST is never sent again', () => {
      const lostAnswers: [string, Scripted][] = [
        ['a reset', reset],
        ['a 503', json(503, { title: 'Service Unavailable' })],
        ['a 429', json(429, { title: 'Too Many Requests' }, { 'retry-after': '1' })],
        ['a 502 HTML page', { status: 502, body: '<html>bad gateway</html>', headers: { 'content-type': 'text/html' } }],
        ['a 201 that is not JSON', { status: 201, body: '<html>ok</html>', headers: { 'content-type': 'text/html' } }],
      ];
      for (const [what, lost] of lostAnswers) {
        it(`${what}, and the call is there: placed (settled by reading)`, async () => {
          const { f, api } = voice(lost, callsPage(2, [rawCall('older', { to: { type: 'app', user: 'bob' } }), rawCall('u-9', { status: 'ringing' })]));
          assert.deepEqual(await api.create({ to: TO_ALICE, ncco: TALK }), { uuid: 'u-9', conversationUuid: 'CON-u-9', status: 'ringing', direction: 'outbound', settledBy: 'reading' });
          assert.deepEqual(f.calls.map(route), ['POST /v1/calls', 'GET /v1/calls']);
          const read = query(f.calls[1]);
          assert.equal(read.get('date_start'), new Date(Math.floor((NOW - SETTLE_WINDOW_MS) / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
          assert.equal(read.get('order'), 'desc');
          assert.equal(read.get('page_size'), '100');
        });
      }

      it('the call is not there (only one to someone else): not found yet, said without promising a retry is safe', async () => {
        // The list may not show a call placed a moment ago, and a POST cancelled on its way may still be carried out: "not
        // found" is not "not placed", so nothing says that calling again is safe (it could be a second paid call).
        const { f, api } = voice(json(504, {}), callsPage(1, [rawCall('other', { to: { type: 'phone', number: '447700900000' } })]));
        const e = await rejection(api.create({ to: TO_ALICE, ncco: TALK }));
        assert.equal(e.message, 'Vonage did not confirm placing the call to alice (app) (answer 504), and the application\'s calls do not show it yet: it may not have been placed, or Vonage may not list it yet. Look at the application\'s Calls in a minute before calling again, so you do not call twice.');
        assert.doesNotMatch(e.message, /safe/);
        assert.equal(posts(f.calls), 1);
      });

      it('the calls cannot be read either: unknown, look at the Calls before trying again', async () => {
        const { f, api } = voice(reset, json(500, {}));
        const e = await rejection(api.create({ to: { type: 'phone', number: '447700900000' }, randomFromNumber: true, ncco: TALK }));
        assert.equal(e.message, 'Vonage did not confirm placing the call to +44 7700 900000 (the connection failed), and the application\'s calls could not be read either, so whether it was placed is unknown. Look at the application\'s Calls before trying again, so you do not call twice.');
        assert.equal(posts(f.calls), 1);
      });

      it('a timeout on a real socket (processed, then the answer lost)', async () => {
        let n = 0;
        const f = scriptedFetch(
          (_c, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })))),
          () => { n++; return Promise.resolve({ status: 200, body: { count: 1, _embedded: { calls: [rawCall('u-7')] } } }); },
        );
        const api = new VoiceClient(client(f, { maxRetries: 0, timeoutMs: 20 }).http, () => TOKEN);
        assert.equal((await api.create({ to: TO_ALICE, ncco: TALK })).settledBy, 'reading');
        assert.equal(n, 1);
      });
    });

    describe('a definite refusal is said plainly, and nothing is read or sent again', () => {
      const refusals: [string, Scripted, RegExp][] = [
        ['400 with invalid_parameters', json(400, { type: 'x', title: 'Bad Request', invalid_parameters: [{ name: 'from.number', reason: 'is not a number of this account' }] }),
          /^Vonage refused the call to alice \(app\) \(400: from\.number: is not a number of this account\)\. Correct that and try again; no call was placed\.$/],
        ['403', json(403, { title: 'Forbidden', detail: 'The application has no voice capability' }),
          /^Vonage refused the call to alice \(app\) \(403: The application has no voice capability\): the application may not have the voice capability/],
        ['402', json(402, { title: 'Payment Required', detail: 'Insufficient balance' }), /the balance does not cover it\. Top up your account/],
        ['401', json(401, { title: 'Unauthorized' }), /^Vonage rejected the application's token \(401\)/],
      ];
      for (const [what, answer, said] of refusals) {
        it(what, async () => {
          const { f, api } = voice(answer);
          const e = await rejection(api.create({ to: TO_ALICE, ncco: TALK }));
          assert.ok(e instanceof VonageApiError);
          assert.match(e.message, said);
          assert.equal(f.calls.length, 1);
        });
      }
    });
  });

  describe('list', () => {
    it('a page: the filters as the document names them, count and items read', async () => {
      const { f, api } = voice(callsPage(42, [rawCall('u-1', { status: 'completed', duration: '61', start_time: '2026-05-04 09:59:00', end_time: '2026-05-04T10:00:01.000Z', price: '0.10166667', rate: '0.10000000' })], 10));
      const page = await api.listPage({ status: 'completed', pageSize: 10, recordIndex: 10, order: 'desc', dateStart: '2026-05-01T00:00:00.250Z', conversationUuid: 'CON-x' });
      assert.deepEqual(Object.fromEntries(query(f.calls[0])), { page_size: '10', record_index: '10', order: 'desc', status: 'completed', date_start: '2026-05-01T00:00:00Z', conversation_uuid: 'CON-x' });
      assert.equal(page.count, 42);
      assert.equal(page.recordIndex, 10);
      assert.deepEqual(page.items[0], {
        uuid: 'u-1', conversationUuid: 'CON-u-1', status: 'completed', direction: 'outbound',
        from: { type: 'phone', number: '447700900001' }, to: { type: 'app', user: 'alice' },
        startTime: '2026-05-04T09:59:00.000Z', endTime: '2026-05-04T10:00:01.000Z', durationSeconds: 61, price: '0.10166667', rate: '0.10000000',
      });
    });

    for (const [what, q, said] of [
      ['a page size over 100', { pageSize: 101 }, /pageSize must be a whole number from 1 to 100/],
      ['a negative record index', { recordIndex: -1 }, /recordIndex must be a whole number from 0/],
      ['an unknown status', { status: 'done' }, /"done" is not a call status/],
      ['a time that is not one', { dateStart: 'yesterday' }, /dateStart "yesterday" is not a time/],
    ] as const) {
      it(`refuses ${what} before sending`, async () => {
        const { f, api } = voice(callsPage(0, []));
        assert.match((await rejection(api.listPage(q as never))).message, said);
        assert.equal(f.calls.length, 0);
      });
    }

    it('every call: the first page gives the count, the others are read side by side by record_index', async () => {
      const f = overlappingFetch((c) => {
        const start = Number(query(c).get('record_index'));
        const n = Math.min(100, 250 - start);
        return { status: 200, body: { count: 250, record_index: start, _embedded: { calls: Array.from({ length: n }, (_, i) => rawCall(`u-${start + i}`)) } } };
      });
      const all = await new VoiceClient(client(f).http, () => TOKEN).list({ status: 'ringing' });
      assert.equal(all.length, 250);
      assert.deepEqual(f.calls.map((c) => query(c).get('record_index')), ['0', '100', '200']);
      assert.ok(f.calls.every((c) => query(c).get('page_size') === '100' && query(c).get('status') === 'ringing'));
      assert.equal(f.mostInFlight(), 2, 'the second and third pages were in flight together');
    });

    it('a call placed meanwhile shifts the pages: a call seen twice is kept once', async () => {
      const { api } = voice(callsPage(101, Array.from({ length: 100 }, (_, i) => rawCall(`u-${i}`))), callsPage(102, [rawCall('u-99'), rawCall('u-100')], 100));
      const all = await api.list();
      assert.equal(all.length, 101);
      assert.equal(new Set(all.map((c) => c.uuid)).size, 101);
    });

    it('no calls: one request', async () => {
      const { f, api } = voice(json(200, { count: 0, page_size: 100, record_index: 0, _links: {} }));
      assert.deepEqual(await api.list(), []);
      assert.equal(f.calls.length, 1);
    });
  });

  describe('get and hang up', () => {
    it('a call that does not exist: "Vonage could not find the call"', async () => {
      const { api } = voice(json(404, { title: 'Not Found', detail: 'Call not found' }));
      assert.match((await rejection(api.get('u-404'))).message, /^Vonage could not find the call \(404\): Call not found\./);
    });

    it('hangs up a live call: read, PUT {action: hangup}, read back', async () => {
      const ended = rawCall('u-1', { status: 'completed', duration: '42', end_time: '2026-05-04 10:00:42' });
      const { f, api } = voice(json(200, rawCall('u-1', { status: 'answered' })), { status: 204 }, json(200, ended));
      assert.deepEqual(await api.hangUp('u-1'), { uuid: 'u-1', status: 'completed', alreadyOver: false, call: callFrom(ended) }, 'the call as read back: its duration, for the row');
      assert.equal(callFrom(ended).durationSeconds, 42);
      assert.deepEqual(f.calls.map(route), ['GET /v1/calls/u-1', 'PUT /v1/calls/u-1', 'GET /v1/calls/u-1']);
      assert.deepEqual(body(f.calls[1]), { action: 'hangup' });
    });

    it('Vonage ends the call a moment later: the status a hangup leads to (ringing → cancelled), and no call read as over yet', async () => {
      const { api } = voice(json(200, rawCall('u-1', { status: 'ringing' })), { status: 204 }, json(200, rawCall('u-1', { status: 'ringing' })));
      assert.deepEqual(await api.hangUp('u-1'), { uuid: 'u-1', status: 'cancelled', alreadyOver: false });
    });

    it('a call already over is not an error: its status, alreadyOver, and no PUT', async () => {
      const { f, api } = voice(json(200, rawCall('u-1', { status: 'completed' })));
      assert.deepEqual(await api.hangUp('u-1'), { uuid: 'u-1', status: 'completed', alreadyOver: true, call: callFrom(rawCall('u-1', { status: 'completed' })) });
      assert.equal(f.calls.length, 1);
    });

    it('the call ended between the read and the hangup (Vonage answers 400): read again, already over', async () => {
      const { api } = voice(json(200, rawCall('u-1', { status: 'answered' })), json(400, { title: 'Bad Request', detail: 'Call is not active' }), json(200, rawCall('u-1', { status: 'completed' })));
      assert.deepEqual(await api.hangUp('u-1'), { uuid: 'u-1', status: 'completed', alreadyOver: true, call: callFrom(rawCall('u-1', { status: 'completed' })) });
    });

    it('a lost answer to the hangup and the call still live: said, with "hang it up again"', async () => {
      const { api } = voice(json(200, rawCall('u-1', { status: 'answered' })), json(503, {}), json(200, rawCall('u-1', { status: 'answered' })));
      assert.match((await rejection(api.hangUp('u-1'))).message, /^Vonage did not confirm hanging up the call \(answer 503\), and it is still answered\. Hang it up again/);
    });
  });

  describe('reading and writing calls', () => {
    for (const [text, digits] of [['+44 7700 900000', '447700900000'], ['(1) 201-555-0100', '12015550100'], ['4930.901820000', '4930901820000']]) {
      it(`checkedE164(${JSON.stringify(text)}) = ${digits}`, () => assert.equal(checkedE164(text), digits));
    }
    for (const [national, said] of [
      ['07700 900123', /^"07700 900123" is a number in national form \(it starts with 0\): Vonage needs it in international form, with the country code, such as \+44 7700 900000\.$/],
      ['+07700900123', /national form \(it starts with 0\)/],
      ['00 44 7700 900123', /^"00 44 7700 900123" starts with 00, the prefix for dialling abroad from some countries: write \+ and the country code instead, such as \+44 7700 900000\.$/],
      ['+0044 7700 900123', /starts with 00/],
    ] as const) {
      it(`checkedE164(${JSON.stringify(national)}) is refused: not international form`, () => {
        assert.throws(() => checkedE164(national, 'to'), (e: unknown) => e instanceof VonageInputError && e.field === 'to' && said.test(e.message));
      });
    }
    it('checkedE164 of nothing asks for the number, naming the argument', () => {
      assert.throws(() => checkedE164('  ', 'to'), { message: /^Say which number to call \(to\), with \+ and the country code, such as \+44 7700 900000\.$/ });
      assert.throws(() => checkedE164(undefined, 'from'), { message: /^Say which number to call from \(from\), with \+ and the country code/ });
    });
    for (const bad of ['', '123456', '1234567890123456', '+44 77OO', undefined]) {
      it(`checkedE164(${JSON.stringify(bad)}) is refused with an example`, () => {
        assert.throws(() => checkedE164(bad), (e: unknown) => e instanceof VonageInputError && /such as \+44 7700 900000/.test(e.message));
      });
    }

    for (const [typed, said] of [
      ['+999 123 4567', /^"\+999 123 4567" does not start with a country calling code: write \+ and the country code first, such as \+44 7700 900000 \(44 is the UK's, 1 the US's\)\.$/],
      ['+44 12345', /^"\+44 12345" is too short for a \+44 number: check the digits\.$/],
      ['+44 7700 9001', /^"\+44 7700 9001" has a length no \+44 number has: check the digits\.$/],
      ['+44 7700 900000 123', /^"\+44 7700 900000 123" is too long for a \+44 number: check the digits\.$/],
      ['+33 6 12 34 56', /is too short for a \+33 number/],
    ] as const) {
      it(`checkedE164(${JSON.stringify(typed)}) is refused: no number of its calling code looks so (libphonenumber's lengths)`, () => {
        assert.throws(() => checkedE164(typed, 'to'), { message: said });
      });
    }
    for (const [typed, digits] of [['+33 6 12 34 56 78', '33612345678'], ['+353 86 123 4567', '353861234567'], ['+61 412 345 678', '61412345678'], ['+86 138 1234 5678', '8613812345678']]) {
      it(`checkedE164(${JSON.stringify(typed)}) = ${digits}`, () => assert.equal(checkedE164(typed), digits));
    }

    const labels: [Parameters<typeof endpointLabel>[0], string][] = [
      [{ type: 'app', user: 'alice' }, 'alice (app)'],
      [{ type: 'phone', number: '447700900000' }, '+44 7700 900000'],
      [{ type: 'phone', number: '12015550100' }, '+1 201 555 0100'],
      [{ type: 'phone', number: '33612345678' }, '+33 6 12 34 56 78'],
      [{ type: 'phone', number: '4930901820000' }, '+49 30 901820000'],
      [{ type: 'phone', number: '61412345678' }, '+61 412 345 678'],
      [{ type: 'phone', number: '9991234567' }, '+9991234567'],
      [{ type: 'sip', uri: 'sip:bob@example.com' }, 'sip:bob@example.com'],
      [{ type: 'vbc', extension: '1234' }, 'extension 1234 (VBC)'],
      [undefined, 'unknown'],
    ];
    for (const [e, label] of labels) it(`endpointLabel: ${label}`, () => assert.equal(endpointLabel(e), label));

    it('live statuses: started, ringing, answered, machine', () => {
      assert.deepEqual(['started', 'ringing', 'answered', 'machine', 'completed', 'busy', 'timeout', 'unanswered'].map(isLive), [true, true, true, true, false, false, false, false]);
    });

    for (const [raw, iso] of [
      ['2026-05-04 09:59:00', '2026-05-04T09:59:00.000Z'],
      ['2026-05-04 09:59:00.25', '2026-05-04T09:59:00.250Z'],
      ['2026-05-04T09:59:00+02:00', '2026-05-04T07:59:00.000Z'],
      ['2026-13-04 09:59:00', undefined],
      ['yesterday', undefined],
    ] as const) {
      it(`callFrom reads start_time ${raw} as ${String(iso)}`, () => assert.equal(callFrom({ start_time: raw }).startTime, iso));
    }

    it('callFrom: an inbound call, `to` as an array, no times, an unreadable duration', () => {
      const c = callFrom({ uuid: 'u', conversation_uuid: 'CON-1', status: 'answered', direction: 'inbound', to: [{ type: 'phone', number: '447700900000' }], duration: 'n/a', start_time: 'soon' });
      assert.deepEqual(c, { uuid: 'u', conversationUuid: 'CON-1', status: 'answered', direction: 'inbound', from: undefined, to: { type: 'phone', number: '447700900000' }, startTime: undefined, endTime: undefined, durationSeconds: undefined, price: undefined, rate: undefined });
    });
  });
});
