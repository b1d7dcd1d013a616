// How a value is written into a .env file: unquoted when dotenv reads it back unchanged that way,
// else in the first quotes that dotenv reads back exactly. dotenv.parse itself is the judge.
import { parse } from 'dotenv';

/** Characters that make an unquoted value read differently (comment, quotes, escapes, line breaks). */
const NEEDS_QUOTES = /[#'"`\\\r\n]|^\s|\s$/;

/**
 * The raw text for `value` (what goes after `KEY=`), or undefined when no quoting makes dotenv read
 * it back exactly. `eol` is the file's line ending, used inside a multi-line value. `keepQuote` is
 * the quote the old value had: it is kept when it works, so `KEY="old"` becomes `KEY="new"`.
 */
export function encodeEnvValue(value: string, eol: '\n' | '\r\n' = '\n', keepQuote?: string): string | undefined {
  const lines = value.replace(/\r\n?/g, '\n').split('\n').join(eol);
  // Quotes the value does not contain first: `"it's"` rather than `'it's'` (which dotenv happens to read too).
  const quotes = ['\'', '"', '`'].sort((a, b) => Number(value.includes(a)) - Number(value.includes(b)));
  const quoted = quotes.map((q) => `${q}${lines}${q}`);
  const candidates = [
    ...(keepQuote ? [`${keepQuote}${lines}${keepQuote}`] : []),
    ...(NEEDS_QUOTES.test(value) ? [] : [value]),
    ...quoted,
  ];
  return candidates.find((raw) => readsBackAs(raw, value));
}

/**
 * True when `KEY=<raw>` reads back as exactly `value`, and a statement after it is still read as its
 * own (so the raw text cannot swallow the lines that follow it).
 */
export function readsBackAs(raw: string, value: string): boolean {
  const parsed = parse(`KEY=${raw}\nNEXT=1\n`);
  return parsed.KEY === value && parsed.NEXT === '1' && Object.keys(parsed).length === 2;
}
