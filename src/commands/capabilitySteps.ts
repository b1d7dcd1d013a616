// The prompts of Edit Application for one capability: one wizard step per field, each showing the current
// value (or the one typed before a Try Again). Checks are the core's own (capabilityFieldProblem), so a
// value the prompt accepts is one the core accepts.
import type { Invocation } from '../ui/commandWrapper';
import type { PickItem, WizardStep } from '../ui/prompts';
import { type CapabilityName, capabilityFieldProblem, MESSAGES_VERSIONS, VOICE_REGIONS } from '../vonage/capabilities';

export type Fields = Record<string, unknown>;

const METHODS: PickItem<string>[] = [
  { label: 'POST', value: 'POST' },
  { label: 'GET', value: 'GET' },
];

/** What each field's prompt says; `optional` URLs may be left empty (removed). */
const PROMPTS: Record<CapabilityName, Record<string, string>> = {
  rtc: {
    eventUrl: 'RTC event URL: where Vonage sends Client SDK events (empty: none)',
    eventMethod: 'HTTP method of the RTC event URL',
    signedCallbacks: 'Signed callbacks: Vonage signs its RTC webhook requests with a JWT',
  },
  voice: {
    answerUrl: 'Voice answer URL: returns the NCCO for a call',
    answerMethod: 'HTTP method of the voice answer URL',
    fallbackAnswerUrl: 'Voice fallback answer URL: used when the answer URL fails (empty: none)',
    eventUrl: 'Voice event URL: call status events',
    eventMethod: 'HTTP method of the voice event URL',
    region: 'Voice region: where inbound and SIP calls are handled',
    signedCallbacks: 'Signed callbacks: Vonage signs its voice webhook requests with a JWT',
    conversationsTtl: 'Conversations TTL in hours, 0 to 744: how long named conversations stay active (empty: Vonage\'s default)',
  },
  messages: {
    inboundUrl: 'Messages inbound URL: where Vonage forwards inbound messages',
    statusUrl: 'Messages status URL: delivery and read statuses',
    version: 'Messages API version of the webhooks',
  },
};

/** The wizard steps for `cap`: each reads `values[field]` as its starting value and writes the answer back. */
export function capabilitySteps(inv: Invocation, cap: CapabilityName, values: Fields, skip: () => boolean): WizardStep[] {
  const prompts = PROMPTS[cap];
  const input = (field: string, parse: (text: string) => unknown = (t) => t.trim()): WizardStep => ({
    skip,
    run: async (info) => {
      const current = values[field];
      const text = await inv.ui.input({
        ...info, prompt: prompts[field], value: typeof current === 'string' || typeof current === 'number' ? String(current) : '',
        validate: (v) => (v.trim() === '' && field === 'conversationsTtl' ? undefined : capabilityFieldProblem(cap, field, parse(v))),
      });
      values[field] = text.trim() === '' && field === 'conversationsTtl' ? undefined : parse(text);
    },
  });
  const pick = (field: string, items: PickItem<unknown>[]): WizardStep => ({
    skip,
    run: async (info) => {
      const current = values[field];
      const ordered = [...items].sort((a, b) => (a.value === current ? -1 : b.value === current ? 1 : 0));
      values[field] = await inv.ui.pick(ordered.map((i) => ({ ...i, description: i.value === current ? 'current' : i.description })), { ...info, placeholder: prompts[field] });
    },
  });
  const onOff: PickItem<unknown>[] = [{ label: 'On', value: true }, { label: 'Off', value: false }];
  switch (cap) {
    case 'rtc':
      return [
        input('eventUrl'),
        pick('eventMethod', METHODS),
        pick('signedCallbacks', onOff),
      ];
    case 'voice':
      return [
        input('answerUrl'),
        pick('answerMethod', METHODS),
        input('fallbackAnswerUrl'),
        input('eventUrl'),
        pick('eventMethod', METHODS),
        pick('region', [{ label: 'No region', description: 'Vonage routes calls by itself', value: '' }, ...VOICE_REGIONS.map((r) => ({ label: r, value: r }))]),
        pick('signedCallbacks', onOff),
        input('conversationsTtl', (t) => (/^\d+$/.test(t.trim()) ? Number(t.trim()) : t.trim())),
      ];
    case 'messages':
      return [
        input('inboundUrl'),
        input('statusUrl'),
        pick('version', MESSAGES_VERSIONS.map((v) => ({ label: v, value: v }))),
      ];
  }
}

const URL_OF_METHOD: Record<string, string> = { eventMethod: 'eventUrl', answerMethod: 'answerUrl' };

/**
 * The fields to send: those whose answer differs from the application's current value (an untouched
 * method or region is not re-sent), all non-empty ones for a capability being added. A URL field left
 * empty where there was one removes that webhook.
 */
export function changedFields(answers: Fields, current: Fields | undefined): Fields {
  const out: Fields = {};
  for (const [field, value] of Object.entries(answers)) {
    if (value === undefined) continue;
    const url = URL_OF_METHOD[field];
    if (url && !answers[url]) continue; // no URL, so its method means nothing
    if (current === undefined ? value === '' : current[field] === value || (value === '' && current[field] === undefined)) continue;
    out[field] = value;
  }
  return out;
}
