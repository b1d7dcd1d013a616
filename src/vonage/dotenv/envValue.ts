// How a value is written into a .env file: unquoted when dotenv reads it back unchanged that way,
// else in the first quotes that dotenv reads back exactly. dotenv.parse itself is the judge.
import { parse } from 'dotenv';

/**
 * A value opening with a quote is never written bare: dotenv would pair that quote with one on a later
 * line and read the lines between as this value (readsBackAs, which sees only the next line, cannot tell).
 */
const OPENS_WITH_QUOTE = /^\s*['"`]/;

/**
 * The raw text for `value` (what goes after `KEY=`), or undefined when no quoting makes dotenv read
 * it back exactly. `eol` is the file's line ending, used inside a multi-line value. `keepQuote` is
 * the quote the old value had: it is kept when it works, so `KEY="old"` becomes `KEY="new"`.
 */
export function encodeEnvValue(value: string, eol: '\n' | '\r\n' = '\n', keepQuote?: string): string | undefined {
  const lines = value.replace(/\r\n?/g, '\n').split('\n').join(eol);
  // Else quotes the value does not contain first: `"a #b's"` rather than `'a #b's'` (which dotenv happens to read too).
  const quotes = ['\'', '"', '`'].sort((a, b) => Number(value.includes(a)) - Number(value.includes(b)));
  const quoted = quotes.map((q) => `${q}${lines}${q}`);
  const candidates = [
    ...(keepQuote ? [`${keepQuote}${lines}${keepQuote}`] : []),
    ...(OPENS_WITH_QUOTE.test(value) ? [] : [value]), // bare when dotenv reads it back so: `it's`, `keys\private.key`
    ...quoted,
  ];
  return candidates.find((raw) => readsBackAs(raw, value));
}

/**
 * True when `KEY=<raw>` reads back as exactly `value`, and a statement after it is still read as its
 * own (so the raw text cannot swallow the lines that follow it).
 */
function readsBackAs(raw: string, value: string): boolean {
  const parsed = parse(`KEY=${raw}\nNEXT=1\n`);
  return parsed.KEY === value && parsed.NEXT === '1' && Object.keys(parsed).length === 2;
}
