// JSON a person typed (an NCCO file, an NCCO given as text), read with jsonc-parser (loaded on first use, not with
// the features) so that a mistake is said in words with where it is: "a } is missing before line 3, column 1".
// Never with the text around it, which is the user's data (an NCCO's words, a URL with a token in it).
import type { ParseError } from 'jsonc-parser';

let jsoncModule: Promise<typeof import('jsonc-parser')> | undefined;

/** jsonc-parser, loaded on first use. */
export function jsonc(): Promise<typeof import('jsonc-parser')> {
  jsoncModule ??= import('jsonc-parser');
  return jsoncModule;
}

export interface JsonReading {
  value: unknown;
  /** The first mistake, in words with its place ("a , is missing before line 2, column 5"); absent when the text is JSON. */
  problem?: string;
}

/** What each of jsonc-parser's error codes means, and whether its place is where something is missing ("before") or where something wrong is ("at"). */
const MISTAKES: Record<string, [words: string, place: 'before' | 'at']> = {
  InvalidSymbol: ['there is something JSON does not allow (names and texts go in double quotes; true, false and null in lower case)', 'at'],
  InvalidNumberFormat: ['a number is not written as JSON writes numbers', 'at'],
  PropertyNameExpected: ['a field name in double quotes is missing (or a , is one too many)', 'before'],
  ValueExpected: ['a value is missing (or a , is one too many)', 'before'],
  ColonExpected: ['a : is missing after a field name', 'before'],
  CommaExpected: ['a , is missing (or the } or ] that closes what is open)', 'before'],
  CloseBraceExpected: ['a } is missing', 'before'],
  CloseBracketExpected: ['a ] is missing', 'before'],
  EndOfFileExpected: ['there is more after the end of the JSON', 'at'],
  InvalidCommentToken: ['there is a comment, which JSON does not allow', 'at'],
  UnexpectedEndOfComment: ['a comment is not closed', 'at'],
  UnexpectedEndOfString: ['a text in quotes has no closing " on its line', 'at'],
  UnexpectedEndOfNumber: ['a number ends too early', 'at'],
  InvalidUnicode: ['a \\u escape is not four hexadecimal digits', 'at'],
  InvalidEscapeCharacter: ['a \\ escape is not one JSON knows (write \\\\ for a backslash)', 'at'],
  InvalidCharacter: ['a text holds a tab or line break: write \\t or \\n', 'at'],
};

/** The text as JSON (no comments, no trailing commas), or its first mistake in words. */
export async function readJsonText(text: string): Promise<JsonReading> {
  if (text.trim() === '') return { value: undefined, problem: 'there is nothing in it' };
  const { parse, printParseErrorCode } = await jsonc();
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (!errors.length) return { value };
  const [words, place] = MISTAKES[printParseErrorCode(errors[0].error)] ?? ['it is not valid JSON', 'at'];
  const { line, column } = lineAndColumn(text, errors[0].offset);
  return { value, problem: `${words} ${place} line ${line}, column ${column}` };
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
