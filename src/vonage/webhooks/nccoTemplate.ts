// The answer NCCO served from the workspace's NCCO file, filled from the answer request: `{{to}}`,
// `{{from}}`, `{{from_user}}`, `{{uuid}}`, `{{conversation_uuid}}` and `{{custom_data.NAME}}` (Vonage's
// answer webhook fields: the Voice API webhook reference). The file is parsed first and the placeholders are
// filled inside its strings only, so a value is always string content: whatever a caller puts in `from`
// or custom_data, it can never close a string, add an action or break the document.
import { VonageInputError } from '../errors';
import { readJsonText } from '../jsonText';
import { checkedNcco } from '../ncco';

/** The answer request's fields a placeholder may name. */
export interface AnswerValues {
  to?: string;
  from?: string;
  from_user?: string;
  uuid?: string;
  conversation_uuid?: string;
  custom_data?: Record<string, unknown>;
}

const FIELDS = ['to', 'from', 'from_user', 'uuid', 'conversation_uuid'] as const;
const PLACEHOLDER = /\{\{\s*(to|from|from_user|uuid|conversation_uuid|custom_data\.([A-Za-z0-9_$-]+))\s*\}\}/g;

/**
 * The fields of an answer request: a GET carries them in the query (custom_data as JSON text), a POST in
 * its JSON body. Anything unreadable is simply absent.
 */
export function answerValues(method: string, query: string, body: string): AnswerValues {
  const source: Record<string, unknown> = method.toUpperCase() === 'GET' ? Object.fromEntries(new URLSearchParams(query)) : jsonObject(body) ?? {};
  const out: AnswerValues = {};
  for (const f of FIELDS) {
    const v = source[f];
    if (typeof v === 'string') out[f] = v;
    else if (typeof v === 'number') out[f] = String(v);
  }
  const custom = typeof source.custom_data === 'string' ? jsonObject(source.custom_data) : source.custom_data;
  if (isObject(custom)) out.custom_data = custom;
  return out;
}

/** A copy of `value` with the placeholders of every string filled; keys and non-strings are left as they are. */
export function fillPlaceholders(value: unknown, values: AnswerValues): unknown {
  if (typeof value === 'string') return value.replace(PLACEHOLDER, (_m, name: string, customName?: string) => text(customName === undefined ? values[name as typeof FIELDS[number]] : values.custom_data?.[customName]));
  if (Array.isArray(value)) return value.map((v) => fillPlaceholders(v, values));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillPlaceholders(v, values)]));
  return value;
}

/** A value as the text that replaces its placeholder: strings as they are, other JSON as JSON text, absent as nothing. */
function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * The NCCO of the file's text, filled from the request and checked against the NCCO schema (checkedNcco, the
 * check the calls use before anything is sent): what Vonage would run. A file that is not one throws a
 * VonageInputError naming the file, the action and the field (the caller answers with a talk NCCO saying so);
 * broken JSON is said with the line and column, never with the file's text (readJsonText).
 */
export async function nccoFromText(fileText: string, values: AnswerValues, fileName = 'The NCCO file'): Promise<unknown[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fileText); // the fast path: jsonc-parser is loaded only for a broken file
  } catch {
    throw new VonageInputError(`${fileName} is not valid JSON: ${(await readJsonText(fileText)).problem ?? 'it could not be read'}.`);
  }
  try {
    return checkedNcco(fillPlaceholders(parsed, values));
  } catch (e) {
    throw new VonageInputError(`${fileName} is not an NCCO Vonage would run: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
