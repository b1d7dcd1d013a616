// Capability changes: what goes into the PUT body (only the fields asked for), what is refused before
// sending, and the read-back after a lost PUT answer.
import * as assert from 'node:assert/strict';
import {
  Application, ApplicationsClient, VonageApiError, VonageInputError, applyCapabilityChanges, capabilitiesDocumentProblems, capabilityFields,
  checkCapabilityChanges, updateApplied, updateBody,
} from '../../../src/vonage';
import { client, json, scriptedFetch } from './helpers';

const creds = { apiKey: 'k', apiSecret: 'secret' };

/** An application as GET returns it, with fields this extension never edits (they must survive). */
function full(): Application {
  return {
    id: 'app-1',
    name: 'Full',
    keys: { public_key: '-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----\n' },
    capabilities: {
      rtc: { webhooks: { event_url: { address: 'https://old.example/rtc', http_method: 'POST' } }, leg_persistence_time: 7 },
      voice: {
        webhooks: {
          answer_url: { address: 'https://old.example/answer', http_method: 'GET', connection_timeout: 500, socket_timeout: 3000 },
          event_url: { address: 'https://old.example/event', http_method: 'POST' },
        },
        payments: { gateways: [] },
      },
      vbc: {},
    },
    privacy: { improve_ai: false },
    _links: { self: { href: '/v2/applications/app-1' } },
  };
}

/** `full()` with a fallback answer URL, a region and a TTL: things a PUT may remove. */
function withExtras(): Application {
  const app = full();
  app.capabilities!.voice!.webhooks!.fallback_answer_url = { address: 'https://old.example/fallback', http_method: 'GET' };
  app.capabilities!.voice!.region = 'eu-west';
  app.capabilities!.voice!.conversations_ttl = 48;
  return app;
}

describe('core: capability changes', () => {
  it('changes only the field asked for; every other field and capability is kept as read', () => {
    const app = full();
    const caps = applyCapabilityChanges(app.capabilities, { rtc: { eventUrl: ' https://new.example/rtc ' } });
    const expected = structuredClone(app.capabilities!);
    (expected.rtc!.webhooks!.event_url as { address: string }).address = 'https://new.example/rtc';
    assert.deepEqual(caps, expected);
    assert.equal((app.capabilities!.rtc!.webhooks!.event_url as { address: string }).address, 'https://old.example/rtc', 'the input is not mutated');
  });

  it('adds a capability with default methods, sets region, TTL, signed callbacks and version', () => {
    const caps = applyCapabilityChanges({}, {
      voice: { answerUrl: 'https://e.example/answer', eventUrl: 'https://e.example/event', eventMethod: 'get', region: 'eu-west', signedCallbacks: true, conversationsTtl: 48 },
      messages: { inboundUrl: 'https://e.example/in', statusUrl: 'https://e.example/status', version: 'v0.1' },
    });
    assert.deepEqual(caps, {
      voice: {
        webhooks: { answer_url: { address: 'https://e.example/answer', http_method: 'GET' }, event_url: { address: 'https://e.example/event', http_method: 'GET' } },
        region: 'eu-west', signed_callbacks: true, conversations_ttl: 48,
      },
      messages: {
        webhooks: { inbound_url: { address: 'https://e.example/in', http_method: 'POST' }, status_url: { address: 'https://e.example/status', http_method: 'POST' } },
        version: 'v0.1',
      },
    });
  });

  it('null removes a capability; an empty optional URL or region removes just that field', () => {
    const app = full();
    app.capabilities!.voice!.region = 'na-east';
    app.capabilities!.voice!.webhooks!.fallback_answer_url = { address: 'https://old.example/fallback', http_method: 'GET' };
    const caps = applyCapabilityChanges(app.capabilities, { rtc: null, voice: { fallbackAnswerUrl: '', region: '' } });
    assert.equal(caps.rtc, undefined);
    const voice = caps.voice as { region?: string; webhooks: Record<string, unknown> };
    assert.equal(voice.region, undefined);
    assert.deepEqual(Object.keys(voice.webhooks).sort(), ['answer_url', 'event_url']);
    assert.deepEqual(caps.vbc, {});
  });

  const refused: [string, unknown, RegExp][] = [
    ['a URL without scheme', { rtc: { eventUrl: 'example.com/rtc' } }, /^The RTC event URL "example\.com\/rtc" is not a URL\. Enter a full address such as https:\/\/example\.com\/webhooks\/rtc\/event\.$/],
    ['an ftp URL', { voice: { answerUrl: 'ftp://e.example/a' } }, /^The voice answer URL must start with https:\/\/ or http:\/\/, not ftp:\/\/\.$/],
    ['an unknown method', { rtc: { eventMethod: 'PUT' } }, /^The RTC event method must be GET or POST, not "PUT"\.$/],
    ['a region not in the list', { voice: { region: 'mars-1' } }, /^The voice region "mars-1" is not one Vonage accepts\. Use one of na-east, na-west, eu-west, eu-east, apac-sng, apac-australia\.$/],
    ['a messages version not v0.1/v1', { messages: { version: 'v2' } }, /^The messages version "v2" is not one Vonage accepts\. Use one of v1, v0\.1\.$/],
    ['a TTL out of range', { voice: { conversationsTtl: 745 } }, /^The voice conversationsTtl must be a whole number of hours from 0 to 744 \(31 days\), not 745\.$/],
    ['a fractional TTL', { voice: { conversationsTtl: 1.5 } }, /whole number of hours/],
    ['signed callbacks as text', { rtc: { signedCallbacks: 'yes' } }, /^RTC signedCallbacks must be true or false, not "yes"\.$/],
    ['an unknown field', { rtc: { eventUrI: 'https://x' } }, /^The rtc capability has no field "eventUrI"\. Use eventUrl, eventMethod, signedCallbacks\.$/],
    ['an unknown capability', { video: {} }, /^"video" is not a capability this extension edits\. Use rtc, voice or messages\.$/],
    ['a capability as text', { rtc: 'on' }, /^rtc must be an object of the fields to set, or null to remove the capability\.$/],
  ];
  for (const [what, changes, message] of refused) {
    it(`refuses ${what} before anything is sent`, () => {
      assert.throws(() => checkCapabilityChanges(changes), (e: unknown) => e instanceof VonageInputError && message.test(e.message));
    });
  }

  it('a new voice capability without its URLs is refused, naming the missing one', () => {
    assert.throws(() => applyCapabilityChanges({}, { voice: { answerUrl: 'https://e.example/a' } }), (e: unknown) => e instanceof VonageInputError &&
      /^A new voice capability needs its voice event URL too\. Give one, e\.g\. https:\/\/example\.com\/webhooks\/event\.$/.test(e.message));
    assert.throws(() => applyCapabilityChanges({}, { rtc: { eventMethod: 'GET' } }), /needs its URL/);
  });

  it('an existing capability is changed although it lacks webhooks (the API requires none; Create Application makes voice with just an answer URL)', () => {
    const current = { voice: { webhooks: { answer_url: { address: 'https://e.example/a', http_method: 'GET' } } }, messages: { version: 'v1' } };
    const caps = applyCapabilityChanges(current, { voice: { region: 'eu-west' }, messages: { version: 'v0.1' } });
    assert.deepEqual(caps, { voice: { webhooks: { answer_url: { address: 'https://e.example/a', http_method: 'GET' } }, region: 'eu-west' }, messages: { version: 'v0.1' } });
  });

  it('a method and its URL in one change work in either key order (the URL is set first)', () => {
    const urlFirst = applyCapabilityChanges({ rtc: {} }, { rtc: { eventUrl: 'https://e.example/rtc', eventMethod: 'GET' } });
    const methodFirst = applyCapabilityChanges({ rtc: {} }, { rtc: { eventMethod: 'GET', eventUrl: 'https://e.example/rtc' } });
    assert.deepEqual(methodFirst, { rtc: { webhooks: { event_url: { address: 'https://e.example/rtc', http_method: 'GET' } } } });
    assert.deepEqual(methodFirst, urlFirst);
    const voice = applyCapabilityChanges({}, { voice: { answerMethod: 'POST', eventMethod: 'GET', answerUrl: 'https://e.example/a', eventUrl: 'https://e.example/e' } });
    assert.deepEqual((voice.voice as { webhooks: unknown }).webhooks, {
      answer_url: { address: 'https://e.example/a', http_method: 'POST' }, event_url: { address: 'https://e.example/e', http_method: 'GET' },
    });
  });

  it('null clears the conversations TTL, the region and an optional URL (Vonage\'s default applies again); a required field is not cleared by null', () => {
    const app = withExtras();
    const caps = applyCapabilityChanges(app.capabilities, { voice: { conversationsTtl: null, region: null, fallbackAnswerUrl: null } });
    const voice = caps.voice as Record<string, unknown> & { webhooks: Record<string, unknown> };
    assert.ok(!('conversations_ttl' in voice) && !('region' in voice), JSON.stringify(voice));
    assert.deepEqual(Object.keys(voice.webhooks).sort(), ['answer_url', 'event_url']);
    assert.deepEqual(checkCapabilityChanges({ voice: { conversationsTtl: null } }), { voice: { conversationsTtl: null } });
    assert.throws(() => checkCapabilityChanges({ voice: { answerUrl: null } }), (e: unknown) => e instanceof VonageInputError && e.message === 'voice.answerUrl must be a URL string.');
    assert.throws(() => checkCapabilityChanges({ messages: { version: null } }), /is not one Vonage accepts/);
  });

  it('capabilitiesDocumentProblems: the JSON editor\'s capabilities checked as the prompts check them, each problem where it is', () => {
    const caps = {
      rtc: { webhooks: { event_url: { address: 'new.example/rtc', http_method: 'POST' } }, signed_callbacks: 'yes', leg_persistence_time: 99 },
      voice: {
        webhooks: { answer_url: { address: 'https://e.example/a', http_method: 'PUT' }, fallback_answer_url: { address: '', http_method: 'get' }, event_url: 'https://e.example/e' },
        region: 'mars', conversations_ttl: 745, payments: { gateways: [] },
      },
      messages: { webhooks: { inbound_url: { address: 'ftp://e.example/i', http_method: 'GET' }, status_url: { address: 'https://e.example/s', http_method: 'POST' } }, version: 'v2' },
      vbc: { anything: true },
    };
    assert.deepEqual(capabilitiesDocumentProblems(caps).map((p) => `${p.path.join('.')}: ${p.message}`), [
      'capabilities.rtc.webhooks.event_url.address: The RTC event URL "new.example/rtc" is not a URL. Enter a full address such as https://example.com/webhooks/rtc/event.',
      'capabilities.rtc.signed_callbacks: RTC signedCallbacks must be true or false, not "yes".',
      'capabilities.voice.webhooks.answer_url.http_method: The method of the voice answer URL must be GET or POST, not "PUT".',
      'capabilities.voice.webhooks.fallback_answer_url.address: Enter the voice fallback answer URL, e.g. https://fallback.example.com/webhooks/answer.',
      'capabilities.voice.webhooks.fallback_answer_url.http_method: The method of the voice fallback answer URL must be GET or POST, not "get".',
      'capabilities.voice.webhooks.event_url: The voice event URL must be an object with "address" and "http_method".',
      'capabilities.voice.region: The voice region "mars" is not one Vonage accepts. Use one of na-east, na-west, eu-west, eu-east, apac-sng, apac-australia.',
      'capabilities.voice.conversations_ttl: The voice conversationsTtl must be a whole number of hours from 0 to 744 (31 days), not 745.',
      'capabilities.messages.webhooks.inbound_url.address: The messages inbound URL must start with https:// or http://, not ftp://.',
      'capabilities.messages.webhooks.inbound_url.http_method: The method of the messages inbound URL must be POST, not "GET".',
      'capabilities.messages.version: The messages version "v2" is not one Vonage accepts. Use one of v1, v0.1.',
    ]);
    assert.deepEqual(capabilitiesDocumentProblems(full().capabilities), [], 'an application as GET returns it is fine');
    assert.deepEqual(capabilitiesDocumentProblems(undefined), []);
    assert.deepEqual(capabilitiesDocumentProblems({ voice: { region: '', conversations_ttl: null } }).map((p) => p.message), [
      'The voice region is empty: remove the property to leave it to Vonage, or give a value.',
      'The voice conversationsTtl is empty: remove the property to leave it to Vonage, or give a value.',
    ]);
    assert.deepEqual(capabilitiesDocumentProblems({ voice: { region: ' eu-west' } }).map((p) => p.path.join('.')), ['capabilities.voice.region']);
    assert.deepEqual(capabilitiesDocumentProblems([]), [{ path: ['capabilities'], message: 'capabilities must be an object such as {"rtc": {…}}.' }]);
  });

  it('capabilityFields reads a capability back under the argument names', () => {
    assert.deepEqual(capabilityFields(full(), 'voice'), { answerUrl: 'https://old.example/answer', answerMethod: 'GET', eventUrl: 'https://old.example/event', eventMethod: 'POST' });
    assert.equal(capabilityFields(full(), 'messages'), undefined);
  });

  it('updateBody keeps the public key and privacy, never a private key or _links', () => {
    const app = full();
    app.keys!.private_key = 'PRIVATE';
    const body = updateBody(app, { name: 'New' });
    assert.deepEqual(Object.keys(body), ['name', 'keys', 'capabilities', 'privacy']);
    assert.deepEqual(body.keys, { public_key: app.keys!.public_key });
  });

  it('updateApplied: everything sent is there (extra fields the API adds are fine); a removed capability must be gone', () => {
    const app = full();
    const body = updateBody(app, { capabilities: applyCapabilityChanges(app.capabilities, { rtc: null }) });
    assert.equal(updateApplied(app, body, app), false, 'rtc is still there');
    const { rtc: _rtc, ...rest } = app.capabilities!;
    assert.equal(updateApplied({ ...app, capabilities: { ...rest, verify: { version: 'v2' } } }, body, app), true);
  });

  const removals: [string, (app: Application) => Record<string, unknown>, (app: Application) => void][] = [
    ['the fallback answer URL', (app) => updateBody(app, { capabilities: applyCapabilityChanges(app.capabilities, { voice: { fallbackAnswerUrl: '' } }) }),
      (app) => { delete app.capabilities!.voice!.webhooks!.fallback_answer_url; }],
    ['the region', (app) => updateBody(app, { capabilities: applyCapabilityChanges(app.capabilities, { voice: { region: '' } }) }),
      (app) => { delete app.capabilities!.voice!.region; }],
    ['the RTC event URL', (app) => updateBody(app, { capabilities: applyCapabilityChanges(app.capabilities, { rtc: { eventUrl: '' } }) }),
      (app) => { delete app.capabilities!.rtc!.webhooks!.event_url; }],
    ['a capability\'s inner field (what the JSON editor can drop)', (app) => { const body = updateBody(app, {}); delete (body.capabilities as { rtc: Record<string, unknown> }).rtc.leg_persistence_time; return body; },
      (app) => { delete app.capabilities!.rtc!.leg_persistence_time; }],
    ['the vbc capability', (app) => updateBody(app, { capabilities: (({ vbc: _vbc, ...rest }) => rest)(app.capabilities!) }),
      (app) => { delete app.capabilities!.vbc; }],
  ];
  for (const [what, bodyOf, applied] of removals) {
    it(`updateApplied: a PUT that removes ${what} counts as made only when the read-back no longer has it`, () => {
      const before = withExtras();
      const body = bodyOf(before);
      assert.equal(updateApplied(withExtras(), body, before), false, 'read back unchanged: not made');
      const after = withExtras();
      applied(after);
      assert.equal(updateApplied(after, body, before), true, 'read back without it: made');
    });
  }

  describe('ApplicationsClient.update (GET, then PUT; a lost answer is read back)', () => {
    const voice = { voice: { eventUrl: 'https://new.example/event' } };

    it('GETs fresh and PUTs the application with only the change', async () => {
      const f = scriptedFetch(json(200, full()), (call) => Promise.resolve({ status: 200, body: { ...JSON.parse(call.body!) as object, id: 'app-1' } }));
      const updated = await new ApplicationsClient(client(f).http, creds).update('app-1', { capabilities: voice });
      assert.deepEqual(f.calls.map((c) => c.method), ['GET', 'PUT']);
      const sent = JSON.parse(f.calls[1].body!);
      const expected = updateBody(full(), { capabilities: applyCapabilityChanges(full().capabilities, voice) });
      assert.deepEqual(sent, expected);
      assert.equal((updated.capabilities!.voice!.webhooks!.event_url as { address: string }).address, 'https://new.example/event');
    });

    it('bad input sends nothing, not even the GET', async () => {
      const f = scriptedFetch(json(200, full()));
      await assert.rejects(new ApplicationsClient(client(f).http, creds).update('app-1', { capabilities: { voice: { region: 'moon' } } }), VonageInputError);
      assert.equal(f.calls.length, 0);
    });

    it('a definite 400 is passed on as it is, with no read-back', async () => {
      const f = scriptedFetch(json(200, full()), json(400, { title: 'Bad Request', invalid_parameters: [{ name: 'capabilities.voice.region', reason: 'is invalid' }] }));
      await assert.rejects(new ApplicationsClient(client(f).http, creds).update('app-1', { capabilities: voice }),
        (e: unknown) => e instanceof VonageApiError && e.kind === 'invalid' && e.invalidParameters[0].name === 'capabilities.voice.region');
      assert.equal(f.calls.length, 2);
    });

    it('a 503 on the PUT whose change did happen: read back, and the application is returned (no second PUT)', async () => {
      let stored = full();
      const f = scriptedFetch(json(200, full()), (call) => { stored = { ...JSON.parse(call.body!) as Application, id: 'app-1' }; return Promise.resolve({ status: 503, body: { title: 'Unavailable' } }); },
        () => Promise.resolve({ status: 200, body: stored }));
      const updated = await new ApplicationsClient(client(f).http, creds).update('app-1', { capabilities: voice });
      assert.deepEqual(f.calls.map((c) => c.method), ['GET', 'PUT', 'GET']);
      assert.equal((updated.capabilities!.voice!.webhooks!.event_url as { address: string }).address, 'https://new.example/event');
    });

    it('a 503 whose change did not happen: says so (safe to try again), and nothing is repeated', async () => {
      const f = scriptedFetch(json(200, full()), json(503, { title: 'Unavailable' }), json(200, full()));
      await assert.rejects(new ApplicationsClient(client(f).http, creds).update('app-1', { capabilities: voice }),
        (e: unknown) => e instanceof VonageApiError && e.kind === 'server'
          && e.message === 'Vonage did not confirm the change to application "Full" (answer 503); reading the application back shows it was not made, so trying again is safe.');
      assert.deepEqual(f.calls.map((c) => c.method), ['GET', 'PUT', 'GET']);
    });

    it('a 503 on a PUT that only removes a webhook, the application unchanged: not made, said so (not reported as done)', async () => {
      const before = withExtras();
      const f = scriptedFetch(json(200, before), json(503, { title: 'Unavailable' }), json(200, before));
      await assert.rejects(new ApplicationsClient(client(f).http, creds).update('app-1', { capabilities: { voice: { fallbackAnswerUrl: '' } } }),
        (e: unknown) => e instanceof VonageApiError && /reading the application back shows it was not made, so trying again is safe\.$/.test(e.message));
      assert.deepEqual(f.calls.map((c) => c.method), ['GET', 'PUT', 'GET']);
    });

    it('the read-back failing too: the outcome is unknown, said so', async () => {
      const f = scriptedFetch(json(200, full()), { throws: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) }, json(404, { title: 'Not Found' }));
      await assert.rejects(new ApplicationsClient(client(f).http, creds, {}).update('app-1', { capabilities: voice }), (e: unknown) => e instanceof VonageApiError &&
        /^Vonage did not confirm the change to application "Full" \(the connection failed\), and reading the application back failed too, so whether it was made is unknown\. Refresh the Applications view to see it as it is, then try again if needed\.$/.test(e.message));
    });
  });
});
