// The NCCO check the sandbox makes before it runs one, standing in for Vonage's own (it fails the call when an
// NCCO is not valid). Deliberately independent of the extension's NCCO schema (src/vonage/ncco.ts and
// media/schemas/ncco.schema.json): the sandbox plays Vonage, so it must not share the code it checks.
// From the NCCO reference (developer.vonage.com/voice/voice-api/ncco-reference): the actions record,
// conversation, connect, talk, stream, input, notify, wait and transfer; what each one requires; every
// eventUrl is an array.
import type { Json } from './apiModule';

export const NCCO_ACTIONS = ['record', 'conversation', 'connect', 'talk', 'stream', 'input', 'notify', 'wait', 'transfer'] as const;
export type NccoAction = Json & { action: typeof NCCO_ACTIONS[number] };

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const nonEmptyText = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';
const textArray = (v: unknown): boolean => Array.isArray(v) && v.length > 0 && v.every(nonEmptyText);

/** What is wrong with one connect endpoint, or undefined. */
function endpointProblem(e: unknown): string | undefined {
  if (!isObject(e)) return 'an endpoint must be an object';
  switch (e.type) {
    case 'phone': return typeof e.number === 'string' && /^\d{7,15}$/.test(e.number) ? undefined : 'a phone endpoint needs number (7 to 15 digits)';
    case 'app': return nonEmptyText(e.user) ? undefined : 'an app endpoint needs user';
    case 'sip': return nonEmptyText(e.uri) ? undefined : 'a sip endpoint needs uri';
    case 'websocket': return nonEmptyText(e.uri) ? undefined : 'a websocket endpoint needs uri';
    case 'vbc': return nonEmptyText(e.extension) ? undefined : 'a vbc endpoint needs extension';
    default: return `unknown endpoint type ${JSON.stringify(e.type)}`;
  }
}

/** What is wrong with one action (its own required fields), or undefined. */
function actionProblem(a: Json): string | undefined {
  if (a.eventUrl !== undefined && !textArray(a.eventUrl)) return 'eventUrl must be an array of URLs';
  switch (a.action) {
    case 'talk': return nonEmptyText(a.text) ? undefined : 'talk needs text';
    case 'stream': return textArray(a.streamUrl) ? undefined : 'stream needs streamUrl (an array of URLs)';
    case 'conversation': return nonEmptyText(a.name) ? undefined : 'conversation needs name';
    case 'connect': {
      if (!Array.isArray(a.endpoint) || a.endpoint.length !== 1) return 'connect needs endpoint (an array of one endpoint)';
      return endpointProblem(a.endpoint[0]);
    }
    case 'input': {
      const types = a.type;
      return Array.isArray(types) && types.length > 0 && types.every((t) => t === 'dtmf' || t === 'speech') ? undefined : 'input needs type (["dtmf"], ["speech"] or both)';
    }
    case 'notify': return isObject(a.payload) && textArray(a.eventUrl) ? undefined : 'notify needs payload (an object) and eventUrl';
    case 'wait': return a.timeout === undefined || (typeof a.timeout === 'number' && a.timeout >= 0.1 && a.timeout <= 7200) ? undefined : 'wait timeout must be 0.1 to 7200 seconds';
    case 'transfer': return nonEmptyText(a.conversation_id) ? undefined : 'transfer needs conversation_id';
    case 'record': return undefined;
    default: return `unknown action ${JSON.stringify(a.action)}`;
  }
}

/** Why `value` is not an NCCO Vonage would run ("action 2 (connect): …"), or undefined when it is one. */
export function nccoProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return 'an NCCO is a JSON array of actions';
  if (value.length === 0) return 'the NCCO has no action';
  for (let i = 0; i < value.length; i++) {
    const a: unknown = value[i];
    if (!isObject(a)) return `action ${i} is not an object`;
    const problem = actionProblem(a);
    if (problem) return `action ${i}${typeof a.action === 'string' ? ` (${a.action})` : ''}: ${problem}`;
  }
  return undefined;
}
