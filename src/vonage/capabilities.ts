// Changing an application's capabilities (rtc, voice, messages) for PUT /v2/applications/{id}, as
// `vonage apps capabilities update` does: the application as GET returned it goes back byte for byte,
// except the fields asked for. Every change is checked before anything is sent.
import { VonageInputError } from './errors';
import { WEBHOOK_URLS, type WebhookUrlField, webhookUrlProblem } from './urls';
import type { Application } from './application';

/**
 * The voice regions Vonage routes inbound and SIP calls to. The Applications API document kept in
 * ../shared (2.1.2) does not list them; these are the values of the official SDKs and the Vonage CLI
 * (`--voice-region`). test/contract pins them against the document should it ever declare an enum.
 */
export const VOICE_REGIONS = ['na-east', 'na-west', 'eu-west', 'eu-east', 'apac-sng', 'apac-australia'] as const;
export type VoiceRegion = typeof VOICE_REGIONS[number];
/** `capabilities.messages.version`: the document says "if not populated will be set to v1". */
export const MESSAGES_VERSIONS = ['v1', 'v0.1'] as const;
export const WEBHOOK_METHODS = ['GET', 'POST'] as const;
/** `capabilities.voice.conversations_ttl`, in hours; the SDKs allow 0 to 744 (31 days). */
export const MAX_CONVERSATIONS_TTL_HOURS = 744;

export type CapabilityName = 'rtc' | 'voice' | 'messages';
export const CAPABILITY_NAMES: readonly CapabilityName[] = ['rtc', 'voice', 'messages'];

export interface RtcFields { eventUrl?: string | null; eventMethod?: string; signedCallbacks?: boolean }
/** `null` (or empty text) clears an optional URL, the region and the TTL: Vonage's default applies again. */
export interface VoiceFields {
  answerUrl?: string; answerMethod?: string; fallbackAnswerUrl?: string | null; eventUrl?: string; eventMethod?: string;
  region?: string | null; signedCallbacks?: boolean; conversationsTtl?: number | null;
}
export interface MessagesFields { inboundUrl?: string; statusUrl?: string; version?: string }

/** Per capability: the fields to set (an object), or null to remove the capability. Absent: unchanged. */
export interface CapabilityChanges {
  rtc?: RtcFields | null;
  voice?: VoiceFields | null;
  messages?: MessagesFields | null;
}

type UrlSpec = { kind: 'url'; hook: string; url: WebhookUrlField; required: boolean; defaultMethod: string };
type Spec =
  | UrlSpec
  | { kind: 'method'; hook: string; label: string }
  | { kind: 'boolean'; key: string; label: string }
  | { kind: 'enum'; key: string; label: string; values: readonly string[]; clearable: boolean }
  | { kind: 'hours'; key: string; label: string };

/** Every field a change may name, per capability, and where it lives in the API's JSON. */
const FIELDS: Record<CapabilityName, Record<string, Spec>> = {
  rtc: {
    eventUrl: { kind: 'url', hook: 'event_url', url: 'rtcEventUrl', required: false, defaultMethod: 'POST' },
    eventMethod: { kind: 'method', hook: 'event_url', label: 'RTC event method' },
    signedCallbacks: { kind: 'boolean', key: 'signed_callbacks', label: 'RTC signedCallbacks' },
  },
  voice: {
    answerUrl: { kind: 'url', hook: 'answer_url', url: 'voiceAnswerUrl', required: true, defaultMethod: 'GET' },
    answerMethod: { kind: 'method', hook: 'answer_url', label: 'voice answer method' },
    fallbackAnswerUrl: { kind: 'url', hook: 'fallback_answer_url', url: 'voiceFallbackAnswerUrl', required: false, defaultMethod: 'GET' },
    eventUrl: { kind: 'url', hook: 'event_url', url: 'voiceEventUrl', required: true, defaultMethod: 'POST' },
    eventMethod: { kind: 'method', hook: 'event_url', label: 'voice event method' },
    region: { kind: 'enum', key: 'region', label: 'voice region', values: VOICE_REGIONS, clearable: true },
    signedCallbacks: { kind: 'boolean', key: 'signed_callbacks', label: 'voice signedCallbacks' },
    conversationsTtl: { kind: 'hours', key: 'conversations_ttl', label: 'voice conversationsTtl' },
  },
  messages: {
    inboundUrl: { kind: 'url', hook: 'inbound_url', url: 'messagesInboundUrl', required: true, defaultMethod: 'POST' },
    statusUrl: { kind: 'url', hook: 'status_url', url: 'messagesStatusUrl', required: true, defaultMethod: 'POST' },
    version: { kind: 'enum', key: 'version', label: 'messages version', values: MESSAGES_VERSIONS, clearable: false },
  },
};

/** The field names a capability takes, in the order the prompts ask them. */
export function capabilityFieldNames(cap: CapabilityName): string[] {
  return Object.keys(FIELDS[cap]);
}

type Json = Record<string, unknown>;

/**
 * What Vonage uses when a field is absent (undefined: nothing, e.g. a URL). Methods: the API document's
 * value for each webhook, which the Vonage CLI and SDKs default to as well (answer URLs GET, event URLs
 * POST); signed callbacks off; no region; messages version v1 ("if not populated will be set to v1");
 * the TTL Vonage's own (null: not set).
 */
export function vonageDefault(cap: CapabilityName, field: string): unknown {
  const spec = FIELDS[cap][field];
  switch (spec?.kind) {
    case 'method': return Object.values(FIELDS[cap]).find((s): s is UrlSpec => s.kind === 'url' && s.hook === spec.hook)?.defaultMethod;
    case 'boolean': return false;
    case 'enum': return spec.clearable ? '' : spec.values[0];
    case 'hours': return null;
    default: return undefined;
  }
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Fields that may be removed (null, or empty text for the URL and the region): Vonage's default applies again. */
function clearable(spec: Spec): boolean {
  return (spec.kind === 'url' && !spec.required) || (spec.kind === 'enum' && spec.clearable) || spec.kind === 'hours';
}

/** Why one field's value is not acceptable (a sentence), or undefined. Null or empty text clears an optional URL or the region; null clears the TTL. */
export function capabilityFieldProblem(cap: CapabilityName, field: string, value: unknown): string | undefined {
  const spec = FIELDS[cap][field];
  if (!spec) return `The ${cap} capability has no field "${field}". Use ${capabilityFieldNames(cap).join(', ')}.`;
  if (value === null && clearable(spec)) return undefined;
  switch (spec.kind) {
    case 'url':
      if (typeof value !== 'string') return `${cap}.${field} must be a URL string.`;
      return webhookUrlProblem(value, spec.url, !spec.required);
    case 'method':
      return typeof value === 'string' && (WEBHOOK_METHODS as readonly string[]).includes(value.trim().toUpperCase())
        ? undefined : `The ${spec.label} must be GET or POST, not ${JSON.stringify(value)}.`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${spec.label} must be true or false, not ${JSON.stringify(value)}.`;
    case 'enum': {
      const t = typeof value === 'string' ? value.trim() : value;
      if (spec.clearable && t === '') return undefined;
      return typeof t === 'string' && spec.values.includes(t) ? undefined
        : `The ${spec.label} ${JSON.stringify(value)} is not one Vonage accepts. Use one of ${spec.values.join(', ')}.`;
    }
    case 'hours':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_CONVERSATIONS_TTL_HOURS ? undefined
        : `The ${spec.label} must be a whole number of hours from 0 to ${MAX_CONVERSATIONS_TTL_HOURS} (31 days), not ${JSON.stringify(value)}.`;
  }
}

/** Checks the shape and every value of `changes`; throws a VonageInputError naming the first problem. Sends nothing. */
export function checkCapabilityChanges(changes: unknown): CapabilityChanges {
  if (!isObject(changes)) throw new VonageInputError('The capability changes must be an object such as {"rtc": {"eventUrl": "https://…"}}.');
  for (const [cap, fields] of Object.entries(changes)) {
    if (!(CAPABILITY_NAMES as readonly string[]).includes(cap)) {
      throw new VonageInputError(`"${cap}" is not a capability this extension edits. Use rtc, voice or messages.`, cap);
    }
    if (fields === null || fields === undefined) continue;
    if (!isObject(fields)) throw new VonageInputError(`${cap} must be an object of the fields to set, or null to remove the capability.`, cap);
    for (const [field, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      const problem = capabilityFieldProblem(cap as CapabilityName, field, value);
      if (problem) throw new VonageInputError(problem, `${cap}.${field}`);
    }
  }
  return changes;
}

/**
 * The capabilities after `changes`: a deep copy of `current` in which only the named fields are set
 * (every other field — timeouts, leg_persistence_time, payments, other capabilities — is kept as read),
 * and capabilities given as null are removed. The order of the keys does not matter (URLs are set before
 * methods). Throws when a capability being added lacks one of its main webhooks (voice answer and event
 * URLs, messages inbound and status URLs). The API document requires none, and an existing capability
 * without them (Create Application makes voice with just an answer URL) can still be changed.
 */
export function applyCapabilityChanges(current: Application['capabilities'], changes: CapabilityChanges): Json {
  checkCapabilityChanges(changes);
  const out: Json = isObject(current) ? structuredClone(current) : {};
  for (const cap of CAPABILITY_NAMES) {
    const fields = changes[cap];
    if (fields === undefined) continue;
    if (fields === null) { delete out[cap]; continue; }
    const adding = !isObject(out[cap]);
    const target: Json = adding ? {} : out[cap] as Json;
    // URLs first: a method is set on its webhook, which the same change may be creating.
    const ordered = Object.entries(fields).sort(([a], [b]) => urlsFirst(FIELDS[cap][a]) - urlsFirst(FIELDS[cap][b]));
    for (const [field, value] of ordered) {
      if (value !== undefined) setField(target, FIELDS[cap][field], value);
    }
    if (adding) requireWebhooks(cap, target);
    out[cap] = target;
  }
  return out;
}

function urlsFirst(spec: Spec): number {
  return spec.kind === 'url' ? 0 : 1;
}

function setField(target: Json, spec: Spec, value: unknown): void {
  const webhooks = (): Json => {
    if (!isObject(target.webhooks)) target.webhooks = {};
    return target.webhooks as Json;
  };
  switch (spec.kind) {
    case 'url': {
      const address = typeof value === 'string' ? value.trim() : ''; // checked: a string, or null to remove
      const hooks = webhooks();
      if (!address) { delete hooks[spec.hook]; return; }
      const current = hooks[spec.hook];
      const hook: Json = isObject(current) ? current : {};
      hooks[spec.hook] = { ...hook, address, http_method: typeof hook.http_method === 'string' ? hook.http_method : spec.defaultMethod };
      return;
    }
    case 'method': {
      const hooks = webhooks();
      const hook = hooks[spec.hook];
      if (!isObject(hook) || typeof hook.address !== 'string') {
        throw new VonageInputError(`The ${spec.label} needs its URL: set the URL too (a method alone says nothing).`, spec.label);
      }
      hook.http_method = String(value).trim().toUpperCase();
      return;
    }
    case 'enum': {
      const t = typeof value === 'string' ? value.trim() : ''; // checked: a string, or null to remove
      if (t === '') delete target[spec.key];
      else target[spec.key] = t;
      return;
    }
    default:
      if (value === null) delete target[spec.key];
      else target[spec.key] = value;
  }
}

function requireWebhooks(cap: CapabilityName, target: Json): void {
  const hooks = isObject(target.webhooks) ? target.webhooks : {};
  for (const spec of Object.values(FIELDS[cap])) {
    if (spec.kind !== 'url' || !spec.required) continue;
    const hook = hooks[spec.hook];
    if (!isObject(hook) || typeof hook.address !== 'string' || hook.address.trim() === '') {
      const { label, example } = WEBHOOK_URLS[spec.url];
      throw new VonageInputError(`A new ${cap} capability needs its ${label} too. Give one, e.g. ${example}.`, spec.url);
    }
  }
}

/** One problem of an edited application's capabilities: where (JSON property names from the top) and what, in a sentence. */
export interface DocumentProblem { path: string[]; message: string }

/**
 * The problems of `capabilities` as a person edited them in the JSON document (the API's own names), checked
 * with the prompts' checks before anything is sent: every rtc, voice and messages webhook (a full http(s)
 * URL, the methods the API takes) and setting (region, signed callbacks, TTL, version). Fields this
 * extension does not edit (timeouts, leg_persistence_time, payments, other capabilities) are left to the API.
 */
export function capabilitiesDocumentProblems(capabilities: unknown): DocumentProblem[] {
  if (capabilities === undefined) return [];
  if (!isObject(capabilities)) return [{ path: ['capabilities'], message: 'capabilities must be an object such as {"rtc": {…}}.' }];
  const out: DocumentProblem[] = [];
  for (const cap of CAPABILITY_NAMES) {
    const value = capabilities[cap];
    if (value === undefined) continue;
    const at = ['capabilities', cap];
    if (!isObject(value)) { out.push({ path: at, message: `${cap} must be an object of its webhooks and settings.` }); continue; }
    if (value.webhooks !== undefined && !isObject(value.webhooks)) { out.push({ path: [...at, 'webhooks'], message: 'webhooks must be an object.' }); continue; }
    for (const [field, spec] of Object.entries(FIELDS[cap])) {
      if (spec.kind === 'url') out.push(...webhookProblems(cap, spec, isObject(value.webhooks) ? value.webhooks[spec.hook] : undefined, [...at, 'webhooks', spec.hook]));
      else if (spec.kind !== 'method' && value[spec.key] !== undefined) {
        const problem = settingProblem(cap, field, spec, value[spec.key]);
        if (problem) out.push({ path: [...at, spec.key], message: problem });
      }
    }
  }
  return out;
}

/** The methods each webhook takes: messages webhooks only POST (the API document's enum). */
function webhookMethods(cap: CapabilityName): readonly string[] {
  return cap === 'messages' ? ['POST'] : WEBHOOK_METHODS;
}

function webhookProblems(cap: CapabilityName, spec: UrlSpec, hook: unknown, at: string[]): DocumentProblem[] {
  if (hook === undefined) return [];
  const { label } = WEBHOOK_URLS[spec.url];
  if (!isObject(hook)) return [{ path: at, message: `The ${label} must be an object with "address" and "http_method".` }];
  const out: DocumentProblem[] = [];
  const address = webhookUrlProblem(typeof hook.address === 'string' ? hook.address : '', spec.url);
  if (address) out.push({ path: [...at, 'address'], message: address });
  const methods = webhookMethods(cap);
  if (hook.http_method !== undefined && !(typeof hook.http_method === 'string' && methods.includes(hook.http_method))) {
    out.push({ path: [...at, 'http_method'], message: `The method of the ${label} must be ${methods.join(' or ')}, not ${JSON.stringify(hook.http_method)}.` });
  }
  return out;
}

/** A setting as it would be sent: the prompts' check, except that empty or null is not "clear it" here but a value. */
function settingProblem(cap: CapabilityName, field: string, spec: Spec, value: unknown): string | undefined {
  if ((value === null || value === '') && clearable(spec)) {
    return `The ${'label' in spec ? spec.label : field} is empty: remove the property to leave it to Vonage, or give a value.`;
  }
  const problem = capabilityFieldProblem(cap, field, value);
  if (problem || spec.kind !== 'enum' || spec.values.includes(value as string)) return problem;
  return `The ${spec.label} ${JSON.stringify(value)} is not one Vonage accepts: it is sent as written. Use one of ${spec.values.join(', ')}.`;
}

/** The fields of one capability as the prompts and argument objects name them (undefined: the application lacks it). */
export function capabilityFields(app: Application, cap: CapabilityName): Record<string, unknown> | undefined {
  const value = app.capabilities?.[cap];
  if (!isObject(value)) return undefined;
  const hooks = isObject(value.webhooks) ? value.webhooks : {};
  const out: Record<string, unknown> = {};
  for (const [field, spec] of Object.entries(FIELDS[cap])) {
    const hook = 'hook' in spec && isObject(hooks[spec.hook]) ? hooks[spec.hook] as Json : undefined;
    let v: unknown;
    if (spec.kind === 'url') v = hook?.address;
    else if (spec.kind === 'method') v = hook?.http_method;
    else v = value[spec.key];
    if (v !== undefined) out[field] = v;
  }
  return out;
}

/**
 * The PUT body that keeps `app` as GET returned it — public key (never a private key), capabilities and
 * privacy — with only `name` and/or `capabilities` replaced.
 */
export function updateBody(app: Application, replace: { name?: string; capabilities?: Json }): Json {
  const body: Json = { name: replace.name ?? app.name };
  const publicKey = app.keys?.public_key;
  if (typeof publicKey === 'string' && publicKey.trim() !== '') body.keys = { public_key: publicKey };
  const capabilities = replace.capabilities ?? app.capabilities;
  if (capabilities !== undefined) body.capabilities = structuredClone(capabilities);
  if (app.privacy !== undefined) body.privacy = structuredClone(app.privacy);
  return body;
}

/**
 * Whether a PUT of `sent` took effect, judged after its answer was lost from `actual` (the application read
 * back) and `before` (as read before the PUT): everything `sent` says (name, capabilities, privacy; not keys)
 * is in `actual`, and everything `sent` dropped from `before` — a webhook, a setting, a whole capability —
 * is gone from it. A PUT that only removes something leaves `actual` unchanged when it was not made.
 */
export function updateApplied(actual: Application, sent: Json, before: Application): boolean {
  const { keys: _keys, ...rest } = sent;
  const compared: Json = {};
  for (const k of ['name', 'capabilities', 'privacy']) if (before[k] !== undefined) compared[k] = before[k];
  return contains(actual, rest) && droppedPaths(compared, rest).every((path) => valueAt(actual, path) === undefined);
}

/** The paths of every field of `before` that `sent` no longer has (objects are followed; arrays and values are leaves). */
function droppedPaths(before: Json, sent: Json, prefix: string[] = []): string[][] {
  const out: string[][] = [];
  for (const [k, v] of Object.entries(before)) {
    if (sent[k] === undefined) out.push([...prefix, k]);
    else if (isObject(v) && isObject(sent[k])) out.push(...droppedPaths(v, sent[k], [...prefix, k]));
  }
  return out;
}

function valueAt(value: unknown, path: string[]): unknown {
  let node = value;
  for (const k of path) node = isObject(node) ? node[k] : undefined;
  return node;
}

function contains(actual: unknown, expected: unknown): boolean {
  if (isObject(expected)) return isObject(actual) && Object.entries(expected).every(([k, v]) => contains(actual[k], v));
  if (Array.isArray(expected)) return Array.isArray(actual) && actual.length === expected.length && expected.every((v, i) => contains(actual[i], v));
  return actual === expected;
}
