// Where each assignment of a .env file is, as dotenv itself reads the file.
//
// dotenv.parse returns only names and values, no positions, so it cannot say which bytes to change.
// This module finds the positions with dotenv's own line rule: the LINE regular expression of
// dotenv 17/18 (dist/index.cjs, the default parser), applied to the text as dotenv applies it (after
// turning CRLF and lone CR into LF), with the `d` flag added for the positions of its two groups (key
// and raw value); the flag does not change what the expression matches. The values themselves are
// never read from here: callers read them with dotenv.parse, and the editor checks every result
// with dotenv.parse too, so a future dotenv that reads files differently makes the editor refuse
// rather than write something dotenv reads otherwise.
import { lineIndex } from '../textLines';

/** dotenv's LINE expression, with the `d` flag for match indices. Groups: 1 key, 2 raw value. */
const LINE = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dmg;

/** One `KEY=value` statement, with offsets into the ORIGINAL text (CRLF kept). */
export interface EnvAssignment {
  readonly key: string;
  /** Offset of the key's first character. */
  readonly keyStart: number;
  /** Where the raw value text starts (just after the separator when there is no value). */
  readonly valueStart: number;
  /** Where the raw value text ends (the raw value includes its quotes and surrounding blanks). */
  readonly valueEnd: number;
  /** 0-based line of the key. */
  readonly line: number;
  /** 0-based line on which the raw value ends (differs from `line` for a multi-line value). */
  readonly endLine: number;
}

/** The text as dotenv sees it (LF only), and how to map its offsets back to the original. */
export interface NormalisedText {
  readonly text: string;
  /** Offset in the original text of offset `i` of the normalised text. */
  toOriginal(i: number): number;
}

export function normaliseLineEnds(original: string): NormalisedText {
  if (!original.includes('\r\n')) return { text: original.replace(/\r/g, '\n'), toOriginal: (i) => i };
  // Every CRLF became one LF: offset i moves right by the number of CRLFs that start before it.
  const crlfAt: number[] = []; // normalised offsets of the LF that stands for a CRLF
  let removed = 0;
  for (let i = original.indexOf('\r\n'); i !== -1; i = original.indexOf('\r\n', i + 2)) {
    crlfAt.push(i - removed);
    removed++;
  }
  const toOriginal = (i: number) => {
    let lo = 0;
    let hi = crlfAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (crlfAt[mid] < i) lo = mid + 1; else hi = mid;
    }
    return i + lo;
  };
  return { text: original.replace(/\r\n?/g, '\n'), toOriginal };
}

/** Every assignment dotenv reads, in file order (a key may occur more than once: dotenv keeps the last). */
export function findAssignments(original: string): EnvAssignment[] {
  const norm = normaliseLineEnds(original);
  const lineOf = lineIndex(norm.text);
  const out: EnvAssignment[] = [];
  LINE.lastIndex = 0;
  for (let m = LINE.exec(norm.text); m; m = LINE.exec(norm.text)) {
    if (m[0] === '') { LINE.lastIndex++; continue; } // cannot happen with this expression; guards against a loop
    const [keyStart] = m.indices![1];
    const value = m.indices![2];
    // No value: the value is empty and "starts" right after the separator (`=` or `: `).
    const valueStart = value ? value[0] : separatorEnd(norm.text, keyStart + m[1].length);
    const valueEnd = value ? value[1] : valueStart;
    out.push({
      key: m[1],
      keyStart: norm.toOriginal(keyStart),
      valueStart: norm.toOriginal(valueStart),
      valueEnd: norm.toOriginal(valueEnd),
      line: lineOf(keyStart),
      endLine: lineOf(Math.max(valueStart, valueEnd - 1)),
    });
  }
  return out;
}

/** The offset just after `=` (with the blanks dotenv's lazy `\s*?` leaves) or after `: `. */
function separatorEnd(text: string, afterKey: number): number {
  let i = afterKey;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] === '=') return i + 1;
  if (text[i] === ':') return i + 2;
  return i;
}
