// Sets values in the text of a .env file, editing in place: every other byte (comments, blank lines,
// `export ` prefixes, quoting, line endings, a missing final newline) stays as it was. An existing key
// is changed where dotenv reads it (the last occurrence); new keys are appended under one comment.
// Every result is parsed with dotenv.parse and must hold exactly the intended values with every other
// key unchanged; otherwise the edit is refused with a sentence saying where the file is in the way.
import { parse } from 'dotenv';
import { VonageInputError } from '../errors';
import { findAssignments, normaliseLineEnds, type EnvAssignment } from './envAssignments';
import { encodeEnvValue } from './envValue';

/** The comment line new keys are appended under (once per file). */
export const ENV_COMMENT = '# Vonage credentials (added by Vonage: Add Credentials to .env)';

/** A name a program can read from its environment: letters, digits and underscores, not starting with a digit. */
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export interface EnvChange {
  readonly key: string;
  readonly action: 'updated' | 'appended' | 'unchanged';
  /** 1-based line of the key in the new text. */
  readonly line: number;
  /** 1-based lines of earlier occurrences of the key, left as they are (dotenv reads only the last). */
  readonly duplicateLines: number[];
}

export interface EnvEditResult {
  readonly text: string;
  readonly changes: EnvChange[];
}

/** The .env text is in the way of an edit (or the edit would change what dotenv reads). Nothing was written. */
export class EnvEditError extends VonageInputError {
  constructor(message: string) {
    super(message, 'file');
    this.name = 'EnvEditError';
  }
}

/** Why `name` cannot be a variable name, or undefined when it can. */
export function variableNameProblem(name: string): string | undefined {
  if (VARIABLE_NAME.test(name)) return undefined;
  return `"${name}" cannot be a variable name: use letters, digits and underscores, not starting with a digit (e.g. VONAGE_JWT).`;
}

interface Replacement { start: number; end: number; text: string }

/**
 * Sets each `[key, value]` in `original` (the whole .env text; '' for a new file) and returns the new
 * text. `fileName` is only used in messages. Throws EnvEditError when the file cannot take the edit.
 */
export function setEnvValues(original: string, pairs: ReadonlyArray<readonly [string, string]>, fileName = '.env'): EnvEditResult {
  const values = [...new Map(pairs)]; // a key given twice: the last value counts
  const eol = original.includes('\r\n') ? '\r\n' : '\n';
  const before = parse(original);
  const assignments = findAssignments(original);
  const replacements: Replacement[] = [];
  const appended: [string, string][] = [];
  const plan = new Map<string, { action: EnvChange['action']; at?: EnvAssignment; duplicates: EnvAssignment[] }>();

  for (const [key, value] of values) {
    const nameProblem = variableNameProblem(key);
    if (nameProblem) throw new EnvEditError(nameProblem);
    const occurrences = assignments.filter((a) => a.key === key);
    checkNoHiddenAssignment(original, key, occurrences, assignments, fileName);
    const last = occurrences[occurrences.length - 1];
    const oldRaw = last ? original.slice(last.valueStart, last.valueEnd) : '';
    const raw = encodeEnvValue(value, eol, quoteOf(oldRaw));
    if (raw === undefined) throw new EnvEditError(`The value for ${key} cannot be written to ${fileName} so that dotenv reads it back exactly; nothing was written.`);
    if (!last) {
      appended.push([key, raw]);
      plan.set(key, { action: 'appended', duplicates: [] });
      continue;
    }
    checkQuotesClosed(original, last, before[key], fileName);
    const duplicates = occurrences.slice(0, -1);
    if (before[key] === value) {
      plan.set(key, { action: 'unchanged', at: last, duplicates });
      continue;
    }
    replacements.push({ start: last.valueStart, end: last.valueEnd, text: keepBlanks(oldRaw, raw) });
    plan.set(key, { action: 'updated', at: last, duplicates });
  }

  let text = original;
  for (const r of replacements.sort((a, b) => b.start - a.start)) text = text.slice(0, r.start) + r.text + text.slice(r.end);
  text = appendLines(text, appended.map(([k, raw]) => `${k}=${raw}`), eol);

  verify(before, values, text, fileName);
  return { text, changes: describeChanges(text, values, plan) };
}

/** The quote an old raw value is written in (', " or `), if any. */
function quoteOf(oldRaw: string): string | undefined {
  const q = oldRaw.trim()[0];
  return q === '"' || q === "'" || q === '`' ? q : undefined;
}

/** The new raw value, keeping the blanks around the old one (so `KEY=old  # note` keeps its spacing). */
function keepBlanks(oldRaw: string, raw: string): string {
  if (oldRaw.trim() === '') return raw + oldRaw;
  const lead = /^\s*/.exec(oldRaw)![0];
  const trail = /\s*$/.exec(oldRaw)![0];
  return lead + raw + trail;
}

/** Appends `lines` at the end, under ENV_COMMENT unless the file has it already; keeps a missing final newline missing. */
function appendLines(text: string, lines: string[], eol: string): string {
  if (!lines.length) return text;
  const hasComment = text.split(/\r?\n|\r/).some((l) => l.trim() === ENV_COMMENT);
  const block = [...(hasComment ? [] : [ENV_COMMENT]), ...lines].join(eol);
  if (text === '') return block + eol;
  const endsWithNewline = /[\r\n]$/.test(text);
  const endsWithBlankLine = /(^|\n)[ \t]*(\r?\n|\r)$/.test(text);
  const gap = hasComment || endsWithBlankLine ? '' : eol; // one blank line before a new comment block
  return endsWithNewline ? text + gap + block + eol : text + eol + gap + block;
}

/**
 * A line that reads like an assignment of `key` but is not one to dotenv: it sits inside another key's
 * quoted value (usually a quote that is never closed). Writing there would be guesswork: refuse.
 */
function checkNoHiddenAssignment(original: string, key: string, occurrences: EnvAssignment[], all: EnvAssignment[], fileName: string): void {
  const lines = normaliseLineEnds(original).text.split('\n');
  const looksLikeKey = new RegExp(`^[ \\t]*(?:export[ \\t]+)?${key}[ \\t]*(?:=|:[ \\t])`);
  for (let i = 0; i < lines.length; i++) {
    if (!looksLikeKey.test(lines[i]) || occurrences.some((a) => a.line === i)) continue;
    const inside = all.find((a) => a.line < i && a.endLine >= i);
    throw new EnvEditError(inside
      ? `Line ${i + 1} of ${fileName} sets ${key}, but dotenv reads that line as part of the quoted value of ${inside.key} that starts on line ${inside.line + 1} (a quote that is never closed?). Fix the quotes there and try again; nothing was written.`
      : `dotenv cannot read line ${i + 1} of ${fileName}, which sets ${key}. Fix that line and try again; nothing was written.`);
  }
}

/** The occurrence to change opens a quote that dotenv does not read as one (never closed, or text after it). */
function checkQuotesClosed(original: string, at: EnvAssignment, read: string | undefined, fileName: string): void {
  const raw = original.slice(at.valueStart, at.valueEnd).trim();
  const quote = raw[0];
  if (quote !== '"' && quote !== "'" && quote !== '`') return;
  if (read === undefined || read[0] !== quote) return; // dotenv stripped the quotes: they enclose the value
  throw new EnvEditError(`dotenv cannot read the value of ${at.key} on line ${at.line + 1} of ${fileName}: its opening quote (${quote}) is not closed at the end of the value. Fix that line and try again; nothing was written.`);
}

/** dotenv must read exactly the intended values, and every other key as before. */
function verify(before: Record<string, string>, values: ReadonlyArray<readonly [string, string]>, text: string, fileName: string): void {
  const expected: Record<string, string> = { ...before };
  for (const [k, v] of values) expected[k] = v;
  const after = parse(text);
  const keys = new Set([...Object.keys(expected), ...Object.keys(after)]);
  for (const k of keys) {
    if (after[k] === expected[k]) continue;
    const what = !(k in after) ? `${k} would no longer be read` : !(k in expected) ? `a new key ${k} would appear` : `${k} would be read differently`;
    throw new EnvEditError(`Writing to ${fileName} would change how dotenv reads the file (${what}), so nothing was written. Check the quotes in ${fileName} and try again.`);
  }
}

function describeChanges(text: string, values: ReadonlyArray<readonly [string, string]>, plan: Map<string, { action: EnvChange['action']; duplicates: EnvAssignment[] }>): EnvChange[] {
  const final = findAssignments(text);
  const out: EnvChange[] = [];
  for (const key of new Map(values).keys()) {
    const p = plan.get(key)!;
    const occurrences = final.filter((a) => a.key === key);
    out.push({ key, action: p.action, line: occurrences[occurrences.length - 1].line + 1, duplicateLines: p.duplicates.map((d) => d.line + 1) });
  }
  return out;
}
