// NCCOs (Vonage Call Control Objects): the one check, against the same JSON schema the editor's JSON support
// uses for ncco.json files (media/schemas/ncco.schema.json; its $comment says where it comes from). The
// validator (ajv and the schema, nccoValidator.ts: a bundle of its own) is required on the first check, not
// when this module loads.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { VonageInputError } from './errors';
import { readJsonText } from './jsonText';
import type * as Validator from './nccoValidator';

/** The actions of the NCCO reference, as the schema lists them. */
export const NCCO_ACTIONS = ['talk', 'stream', 'input', 'record', 'conversation', 'connect', 'notify', 'wait', 'transfer'] as const;
type NccoActionName = typeof NCCO_ACTIONS[number];

/** One checked action: its name, and the fields the schema allows for it. */
export type NccoAction = { readonly action: NccoActionName } & Readonly<Record<string, unknown>>;

/** An NCCO that does not pass the schema: which action (0-based index and name) and which field, in one sentence. */
export class NccoError extends VonageInputError {
  constructor(message: string, readonly actionIndex?: number, readonly actionName?: string, readonly fieldPath?: string) {
    super(message, 'ncco');
    this.name = 'NccoError';
  }
}

let validator: ValidateFunction | undefined;

function validate(): ValidateFunction {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- on the first check: esbuild.js keeps it a bundle of its own
  validator ??= (require('./nccoValidator') as typeof Validator).compileNccoSchema();
  return validator;
}

/**
 * The NCCO, checked against the schema before anything is sent: an array of actions, each with the fields its
 * action takes. A problem throws an NccoError naming the action (1-based in the text, as a person counts) and
 * the field, and saying what is wrong; of the NCCO's content only field names go into it, and a value only when
 * it is a number, true/false or one short word (never text, which is the user's data and may hold a token).
 */
export function checkedNcco(value: unknown): NccoAction[] {
  if (!Array.isArray(value)) {
    const hint = isObject(value) && typeof value.action === 'string' ? ' Put the action in [ ], even when there is one.' : '';
    throw new NccoError(`An NCCO is a JSON array of actions, such as [{"action": "talk", "text": "Hello"}].${hint}`);
  }
  const check = validate();
  if (check(value)) return value as NccoAction[];
  throw nccoError(value, check.errors ?? []);
}

/**
 * NCCO text (a file's, or an argument's): JSON, then the schema. A problem names the file (or "The NCCO") and says
 * where, in words ("a } is missing before line 3, column 1"), with nothing of the text in it.
 */
export async function checkedNccoText(text: string, name?: string): Promise<NccoAction[]> {
  const { value, problem } = await readJsonText(text);
  if (problem) throw new VonageInputError(`${name ?? 'The NCCO'} is not valid JSON: ${problem}. Fix it and try again; nothing was sent.`, 'ncco');
  try {
    return checkedNcco(value);
  } catch (e) {
    if (name && e instanceof Error) e.message = `${name}: ${e.message}`;
    throw e;
  }
}

/** The app users the NCCO's connect actions ring, with where each is (the action's index and the endpoint's). Lenient: anything malformed is skipped. */
export function nccoAppUsers(ncco: readonly unknown[]): { user: string; actionIndex: number; endpointIndex: number }[] {
  const out: { user: string; actionIndex: number; endpointIndex: number }[] = [];
  ncco.forEach((action, actionIndex) => {
    if (!isObject(action) || action.action !== 'connect' || !Array.isArray(action.endpoint)) return;
    action.endpoint.forEach((endpoint: unknown, endpointIndex) => {
      if (isObject(endpoint) && endpoint.type === 'app' && typeof endpoint.user === 'string' && endpoint.user !== '') out.push({ user: endpoint.user, actionIndex, endpointIndex });
    });
  });
  return out;
}

/** What Vonage: New NCCO File writes: one talk action, valid, to change into what the call should do. */
export const STARTER_NCCO: readonly NccoAction[] = [
  { action: 'talk', text: 'Hello from Vonage. This call runs the NCCO in your editor.' },
];

/** A short talk NCCO: what a call says when the caller brings none. */
export function talkNcco(text: string): NccoAction[] {
  return [{ action: 'talk', text }];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first action with a problem, and its most telling error: one sentence. */
function nccoError(ncco: unknown[], errors: ErrorObject[]): NccoError {
  const real = errors.filter((e) => e.keyword !== 'if');
  if (real.some((e) => e.instancePath === '')) {
    return new NccoError('An NCCO needs at least one action, such as {"action": "talk", "text": "Hello"}.');
  }
  const index = Math.min(...real.map((e) => actionIndexOf(e.instancePath)));
  const mine = real.filter((e) => actionIndexOf(e.instancePath) === index);
  const action = ncco[index];
  const name = isObject(action) && typeof action.action === 'string' ? action.action : undefined;
  const where = `Action ${index + 1}${name && (NCCO_ACTIONS as readonly string[]).includes(name) ? ` (${name})` : ''}`;
  const error = mostTelling(mine);
  const path = fieldPath(error.instancePath);
  const text = problem(error, path, name);
  return new NccoError(`${where}${/^(needs|has|is) /.test(text) ? ' ' : ': '}${text}`, index, name, path || undefined);
}

function actionIndexOf(instancePath: string): number {
  return Number(instancePath.split('/')[1]);
}

/**
 * The error to report: a wrong or missing action name first (nothing else makes sense before it), then
 * the deepest one (an endpoint's field rather than "endpoint"), in the order ajv found them.
 */
function mostTelling(errors: ErrorObject[]): ErrorObject {
  const onAction = errors.find((e) => fieldPath(e.instancePath) === 'action' || (e.keyword === 'required' && (e.params as { missingProperty?: string }).missingProperty === 'action'));
  if (onAction) return onAction;
  const telling = errors.filter((e) => !e.schemaPath.includes('/anyOf/')); // a branch of "uri or domain": the anyOf error says both
  const depth = (e: ErrorObject) => e.instancePath.split('/').length + (e.keyword === 'required' || e.keyword === 'additionalProperties' ? 1 : 0);
  return telling.reduce((best, e) => (depth(e) > depth(best) ? e : best));
}

/** "endpoint[0].number" from "/2/endpoint/0/number" (the action's own fields, without its index). */
function fieldPath(instancePath: string): string {
  return instancePath.split('/').slice(2).map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : `${i ? '.' : ''}${p}`)).join('');
}

/** What is wrong, in words: the field named, what it must be, and a short value when that helps. */
function problem(e: ErrorObject, path: string, actionName: string | undefined): string {
  const field = path ? `"${path}"` : 'it';
  const params = e.params as Record<string, unknown>;
  const schema = (e.parentSchema ?? {}) as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      if (missing === 'action') return 'has no "action": say what it does, such as "talk" or "connect".';
      return `${path ? `${field} needs` : 'needs'} "${missing}".`;
    }
    case 'additionalProperties':
      return `"${joined(path, String(params.additionalProperty))}" is not a field of ${path ? field : actionName ?? 'this action'} (check the spelling against Vonage's NCCO reference).`;
    case 'enum':
      if (path === 'action') return `${shortValue(e.data) ?? 'that'} is not an NCCO action; the actions are ${NCCO_ACTIONS.join(', ')}.`;
      return `${field} must be one of ${(params.allowedValues as unknown[]).map((v) => String(v)).join(', ')}${valueNote(e.data)}.`;
    case 'type':
      if (!path) return `is not an object: each action is {"action": …}${valueNote(e.data)}.`;
      if (params.type === 'array' && typeof e.data === 'string') return `${field} must be an array: put the value in [ ] (a list of one is still a list).`;
      return `${field} must be ${article(String(params.type))}${valueNote(e.data)}.`;
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
      return `${field} must be ${rangeOf(schema)}${valueNote(e.data)}.`;
    case 'pattern': // the schema's patternErrorMessage (VS Code shows it too) says what the value must be: "An http(s) URL, such as …"
      return `${field} must be ${typeof schema.patternErrorMessage === 'string' ? lowerFirst(schema.patternErrorMessage) : `text matching ${String(params.pattern)}.`}`;
    case 'minItems': case 'maxItems':
      return `${field} must hold ${itemsOf(schema)}.`;
    case 'minLength':
      return `${field} must not be empty.`;
    case 'uniqueItems':
      return `${field} lists the same value twice.`;
    case 'const':
      return `${field} must be ${JSON.stringify(params.allowedValue)}.`;
    case 'anyOf': // the schema's one anyOf: a sip endpoint's uri or domain (user is optional, with domain)
      return `${field} needs "uri" (a SIP URI, such as sip:rebekka@sip.example.com) or "domain" (a SIP trunk domain made in the dashboard).`;
    default:
      return `${field} ${e.message ?? 'is not valid'}.`;
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function joined(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

function article(type: string): string {
  return { array: 'an array', object: 'an object', integer: 'a whole number', number: 'a number', string: 'text', boolean: 'true or false' }[type] ?? type;
}

function rangeOf(schema: Record<string, unknown>): string {
  const [min, max] = [schema.minimum, schema.maximum];
  if (typeof min === 'number' && typeof max === 'number') return `from ${min} to ${max}`;
  if (typeof min === 'number') return `at least ${min}`;
  return `at most ${String(max)}`;
}

function itemsOf(schema: Record<string, unknown>): string {
  const [min, max] = [schema.minItems, schema.maxItems];
  if (min === 1 && max === 1) return 'exactly one item, in [ ]';
  if (typeof min === 'number' && typeof max !== 'number') return `at least ${min} item${min === 1 ? '' : 's'}`;
  return `at most ${String(max)} item${max === 1 ? '' : 's'}`;
}

/** ", not 3" for a number, a boolean or one short word; never other text, which is the user's data (a talk's words, a URL with a token). */
function valueNote(data: unknown): string {
  const shown = shortValue(data);
  return shown === undefined ? '' : `, not ${shown}`;
}

function shortValue(data: unknown): string | undefined {
  if (typeof data === 'number' || typeof data === 'boolean' || data === null) return String(data);
  if (typeof data === 'string' && /^[A-Za-z_-]{1,20}$/.test(data)) return JSON.stringify(data);
  if (Array.isArray(data)) return 'an array';
  if (isObject(data)) return 'an object';
  return undefined;
}
