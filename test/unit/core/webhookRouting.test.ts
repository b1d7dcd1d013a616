// Routing an application's webhooks to the webhook server and back: which addresses change (and only
// they: methods, timeouts, other capabilities, the key, everything else kept), what is refused, and the
// restore decision (put back exactly what was there, unless it was changed elsewhere since).
import * as assert from 'node:assert/strict';
import type { Application } from '../../../src/vonage/application';
import { updateBody } from '../../../src/vonage/capabilities';
import { VonageInputError } from '../../../src/vonage/errors';
import {
  type SavedWebhook, checkedWebhookNames, defaultWebhooks, restoreDecision, routedCapabilities, routingPlan, serverWebhookUrl,
} from '../../../src/vonage/webhooks/routing';

const BASE = 'https://gentle-river.trycloudflare.com';

function app(): Application {
  return {
    id: 'aaaaaaaa-1111',
    name: 'Voice App',
    keys: { public_key: '-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----\n' },
    capabilities: {
      voice: {
        webhooks: {
          answer_url: { address: 'https://mine.example/webhooks/answer', http_method: 'POST', connection_timeout: 500, socket_timeout: 3000 },
          event_url: { address: 'https://mine.example/webhooks/event', http_method: 'GET' },
        },
        signed_callbacks: true,
        region: 'eu-west',
      },
      rtc: { webhooks: { event_url: { address: 'https://mine.example/rtc', http_method: 'POST' } }, leg_persistence_time: 7 },
      messages: { webhooks: { inbound_url: { address: 'https://mine.example/in', http_method: 'POST' }, status_url: { address: 'https://mine.example/st', http_method: 'POST' } } },
    },
    privacy: { improve_ai: false },
  };
}

type Hooks = Record<string, Record<string, unknown>>;
/** The webhooks object of a capability of these capabilities (to read or change one in a test). */
function hooks(capabilities: unknown, cap: 'voice' | 'rtc'): Hooks {
  return ((capabilities as Record<string, { webhooks: Hooks }>)[cap]).webhooks;
}

/** The application after a PUT of these capabilities (what Vonage would hold). */
function after(a: Application, capabilities: Record<string, unknown>): Application {
  return { ...a, ...updateBody(a, { capabilities }) };
}

describe('core: routing webhooks here and back', () => {
  it('by default: voice answer and event, rtc event; only their addresses change', () => {
    const a = app();
    const plan = routingPlan(a, BASE);
    assert.deepEqual(plan.changed, [
      { webhook: 'voiceAnswerUrl', from: 'https://mine.example/webhooks/answer', to: `${BASE}/webhooks/aaaaaaaa-1111/answer` },
      { webhook: 'voiceEventUrl', from: 'https://mine.example/webhooks/event', to: `${BASE}/webhooks/aaaaaaaa-1111/event` },
      { webhook: 'rtcEventUrl', from: 'https://mine.example/rtc', to: `${BASE}/webhooks/aaaaaaaa-1111/rtc` },
    ]);
    const caps = routedCapabilities(a, plan);
    const expected = structuredClone(a.capabilities);
    hooks(expected, 'voice').answer_url.address = `${BASE}/webhooks/aaaaaaaa-1111/answer`;
    hooks(expected, 'voice').event_url.address = `${BASE}/webhooks/aaaaaaaa-1111/event`;
    hooks(expected, 'rtc').event_url.address = `${BASE}/webhooks/aaaaaaaa-1111/rtc`;
    assert.deepEqual(caps, expected, 'methods, timeouts, signed callbacks, region, messages: as they were');
  });

  it('the fallback answer URL when it has one; a chosen subset; a webhook already pointing here is not "changed"', () => {
    const a = app();
    a.capabilities!.voice!.webhooks!.fallback_answer_url = { address: 'https://backup.example/answer', http_method: 'GET' };
    assert.deepEqual(defaultWebhooks(a), ['voiceAnswerUrl', 'voiceFallbackAnswerUrl', 'voiceEventUrl', 'rtcEventUrl']);
    assert.deepEqual(routingPlan(a, BASE, ['voiceAnswerUrl']).changed.map((c) => c.webhook), ['voiceAnswerUrl']);
    a.capabilities!.voice!.webhooks!.answer_url!.address = serverWebhookUrl(BASE, a.id, 'answer');
    assert.deepEqual(routingPlan(a, BASE, ['voiceAnswerUrl', 'voiceEventUrl']).changed.map((c) => c.webhook), ['voiceEventUrl']);
  });

  it('refused: a capability the application lacks; no voice and no rtc; a webhook name that is not one', () => {
    const a = app();
    delete a.capabilities!.rtc;
    assert.deepEqual(defaultWebhooks(a), ['voiceAnswerUrl', 'voiceEventUrl']);
    assert.throws(() => routingPlan(a, BASE, ['rtcEventUrl']), /^VonageInputError: Application "Voice App" has no rtc capability, so its RTC event URL cannot be routed here\. Add rtc first \(Vonage: Edit Application\)\.$/);
    delete a.capabilities!.voice;
    assert.throws(() => routingPlan(a, BASE), /has neither the voice nor the rtc capability/);
    assert.throws(() => checkedWebhookNames(['voiceAnswerUrl', 'smsUrl']), (e: Error) => e instanceof VonageInputError && /"smsUrl" is not a webhook that can be routed here/.test(e.message));
    assert.throws(() => checkedWebhookNames('voiceAnswerUrl'), /webhooks must be a list/);
  });

  it('a webhook routing adds (voice without an event URL) is routed, and removed again when put back', () => {
    const a = app();
    delete a.capabilities!.voice!.webhooks!.event_url;
    const plan = routingPlan(a, BASE, ['voiceEventUrl']);
    assert.deepEqual(plan.changed, [{ webhook: 'voiceEventUrl', from: null, to: `${BASE}/webhooks/aaaaaaaa-1111/event` }]);
    const routed = after(a, routedCapabilities(a, plan));
    assert.deepEqual(hooks(routed.capabilities, 'voice').event_url, { address: `${BASE}/webhooks/aaaaaaaa-1111/event`, http_method: 'POST' });
    const saved: SavedWebhook[] = plan.changed.map((c) => ({ webhook: c.webhook, original: c.from, routed: c.to }));
    const d = restoreDecision(routed, saved);
    assert.equal(d.kind, 'restore');
    assert.deepEqual(d.kind === 'restore' && d.capabilities, a.capabilities);
  });

  it('put back: exactly the original addresses, and a method changed meanwhile is kept', () => {
    const a = app();
    const plan = routingPlan(a, BASE);
    const routed = after(a, routedCapabilities(a, plan));
    hooks(routed.capabilities, 'voice').event_url.http_method = 'POST'; // changed elsewhere, but not the address
    const d = restoreDecision(routed, plan.changed.map((c) => ({ webhook: c.webhook, original: c.from, routed: c.to })));
    assert.equal(d.kind, 'restore');
    const expected = structuredClone(a.capabilities);
    hooks(expected, 'voice').event_url.http_method = 'POST';
    assert.deepEqual(d.kind === 'restore' && d.capabilities, expected);
    assert.deepEqual(d.kind === 'restore' && d.restored, ['voiceAnswerUrl', 'voiceEventUrl', 'rtcEventUrl']);
  });

  it('changed elsewhere since: not put back, the reason says which address and what it is now; already back: nothing to do', () => {
    const a = app();
    const plan = routingPlan(a, BASE);
    const saved = plan.changed.map((c) => ({ webhook: c.webhook, original: c.from, routed: c.to }));
    const routed = after(a, routedCapabilities(a, plan));
    hooks(routed.capabilities, 'voice').answer_url.address = 'https://someone-else.example/answer';
    const d = restoreDecision(routed, saved);
    assert.equal(d.kind, 'changedElsewhere');
    assert.equal(d.kind === 'changedElsewhere' && d.reason, 'Application "Voice App" was changed elsewhere since its webhooks were routed here: its voice answer URL is now https://someone-else.example/answer.');
    assert.equal(d.kind === 'changedElsewhere' && hooks(d.capabilities, 'voice').answer_url.address, 'https://mine.example/webhooks/answer', 'put back anyway: the original');
    delete routed.capabilities!.rtc;
    const gone = restoreDecision(routed, saved);
    assert.match(gone.kind === 'changedElsewhere' ? gone.reason : '', /its RTC event URL was removed\.$/);
    assert.deepEqual(restoreDecision(a, saved), { kind: 'nothingToDo' });
  });

  it('changed elsewhere: the webhooks nobody changed can still be put back on their own, and the one changed is left as it is', () => {
    const a = app();
    const plan = routingPlan(a, BASE);
    const saved = plan.changed.map((c) => ({ webhook: c.webhook, original: c.from, routed: c.to }));
    const routed = after(a, routedCapabilities(a, plan));
    hooks(routed.capabilities, 'voice').answer_url.address = 'https://colleague.example.com/answer';
    const d = restoreDecision(routed, saved);
    assert.ok(d.kind === 'changedElsewhere');
    assert.deepEqual(d.changed.map((s) => s.webhook), ['voiceAnswerUrl'], 'the one changed elsewhere');
    assert.deepEqual(d.stillHere?.restored, ['voiceEventUrl', 'rtcEventUrl'], 'the ones still pointing here');
    const expected = structuredClone(a.capabilities);
    hooks(expected, 'voice').answer_url.address = 'https://colleague.example.com/answer';
    assert.deepEqual(d.stillHere?.capabilities, expected, 'only those put back: the colleague\'s address stays');
    const partly = after(routed, d.stillHere.capabilities);
    const left = restoreDecision(partly, d.changed);
    assert.ok(left.kind === 'changedElsewhere');
    assert.equal(left.stillHere, undefined, 'nothing of it points here any more');
  });
});
