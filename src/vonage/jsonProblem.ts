// Where JSON text is broken, in words a person reads ("at line 3, column 1, a } is missing"), without quoting
// the text: JSON.parse's own message quotes a piece of it ("Unexpected token 'p', ..."text": private-wo"..."),
// and the text may be a user's data (an NCCO's talk text, a phone number) bound for a notification or a record.
// jsonc-parser (strict JSON: no comments, no trailing commas) finds the place; it is loaded on first use.

import type { ParseError } from 'jsonc-parser';

/** jsonc-parser's error names (printParseErrorCode), in words. */
const WORDS: Record<string, string> = {
  InvalidSymbol: 'there is something that is not a JSON value (text needs "double quotes")',
  InvalidNumberFormat: 'a number is not written as JSON writes numbers',
  PropertyNameExpected: 'a property name in "double quotes" is missing',
  ValueExpected: 'a value is missing',
  ColonExpected: 'a : is missing',
  CommaExpected: 'a , is missing',
  CloseBraceExpected: 'a } is missing',
  CloseBracketExpected: 'a ] is missing',
  EndOfFileExpected: 'there is more after the end of the JSON',
  InvalidCommentToken: 'there is a comment, and JSON has none',
  UnexpectedEndOfComment: 'a comment is not closed (and JSON has no comments)',
  UnexpectedEndOfString: 'a string is not closed with a "',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'a \\u escape is not four hexadecimal digits',
  InvalidEscapeCharacter: 'a \\ escape is not one JSON knows',
  InvalidCharacter: 'a string holds a line break or a control character (write \\n)',
};

/** Where the first mistake in `text` is and what it is ("at line 1, column 41, a } is missing"), or undefined for valid JSON. */
export async function jsonProblem(text: string): Promise<string | undefined> {
  const { parse, printParseErrorCode } = await import('jsonc-parser');
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return undefined;
  const before = text.slice(0, first.offset).split('\n');
  const name = printParseErrorCode(first.error);
  return `at line ${before.length}, column ${before[before.length - 1].length + 1}, ${WORDS[name] ?? 'it is not JSON'}`;
}
