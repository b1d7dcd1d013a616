// The prompts of Edit Application for one capability: one wizard step per field, each showing the current
// value (or the one typed before a Try Again); a pick with no current value offers Vonage's default first, so
// Enter through the prompts changes nothing. Checks are the core's own (capabilityFieldProblem), so a value
// the prompt accepts is one the core accepts.
import type { Invocation } from '../../ui/commandWrapper';
import type { PickItem, WizardStep } from '../../ui/prompts';
import { type CapabilityName, capabilityFieldProblem, MESSAGES_VERSIONS, VOICE_REGIONS, vonageDefault } from '../../vonage/capabilities';

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
        validate: (v) => capabilityFieldProblem(cap, field, parse(v)),
      });
      values[field] = parse(text);
    },
  });
  const pick = (field: string, items: PickItem<unknown>[]): WizardStep => ({
    skip,
    run: async (info) => {
      values[field] = await inv.ui.pick(pickItems(items, values[field], vonageDefault(cap, field)), { ...info, placeholder: prompts[field] });
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
        input('conversationsTtl', hours),
      ];
    case 'messages':
      return [
        input('inboundUrl'),
        input('statusUrl'),
        pick('version', MESSAGES_VERSIONS.map((v) => ({ label: v, value: v }))),
      ];
  }
}

/** The TTL as typed: empty clears it (null: Vonage's default), digits are hours, anything else is refused by the core. */
function hours(text: string): unknown {
  const t = text.trim();
  if (t === '') return null;
  return /^\d+$/.test(t) ? Number(t) : t;
}

/**
 * The items of a pick, the one to press Enter on first: the current value, marked "current"; with none,
 * Vonage's default (what the application gets when the field is not sent), marked as such.
 */
function pickItems(items: PickItem<unknown>[], current: unknown, fallback: unknown): PickItem<unknown>[] {
  const first = current === undefined ? fallback : current;
  const note = current === undefined ? 'Vonage\'s default' : 'current';
  const ordered = [...items].sort((a, b) => (a.value === first ? -1 : b.value === first ? 1 : 0));
  return ordered.map((i) => (i.value === first ? { ...i, description: i.description ? `${note} · ${i.description}` : note } : i));
}

const URL_OF_METHOD: Record<string, string> = { eventMethod: 'eventUrl', answerMethod: 'answerUrl' };

/**
 * The fields to send: those whose answer differs from the application's current value (an untouched
 * method or region is not re-sent). A field the application does not have counts as unchanged when the
 * answer is empty or Vonage's default (Off for signed callbacks, no region, the webhook's usual method):
 * sending it would change nothing but the JSON. A URL field left empty where there was one removes that
 * webhook; an empty TTL where there was one clears it.
 */
export function changedFields(cap: CapabilityName, answers: Fields, current: Fields | undefined): Fields {
  const out: Fields = {};
  for (const [field, value] of Object.entries(answers)) {
    if (value === undefined) continue;
    const url = URL_OF_METHOD[field];
    if (url && !answers[url]) continue; // no URL, so its method means nothing
    const was = current?.[field];
    const unchanged = was === undefined ? value === '' || value === null || value === vonageDefault(cap, field) : was === value;
    if (!unchanged) out[field] = value;
  }
  return out;
}
