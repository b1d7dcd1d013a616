// API secrets given by name a literal value: `VONAGE_API_SECRET=…` (.env, shell), `api_secret: …`
// (YAML, Ruby, Python, the REST parameter, a URL's query), `apiSecret: '…'` (the Node SDK option),
// `"api_secret": "…"` (JSON). Not reported: a reference (`process.env.X`, `${X}`, `$X`, `os.environ[…]`,
// `config.secret`), a variable (`{ apiSecret: secretV2 }`, `Client(api_secret=SECRET_2)`), an empty
// value, a type (`apiSecret: string`), and the placeholders of samples and `.env.example` files
// (`your-api-secret`, `xxxxxxxx`, `<secret>`, `abcd1234`, `REDACTED`, `***`).
import type { SecretFinding } from './finding';

/**
 * At a name: the name, an optional closing quote of a quoted key, the separator, and a quoted or bare
 * value. A bare value ends at a blank, a quote, `,;#`, a URL's next parameter (`&`) or a closing
 * bracket (`)]}`). Sticky: it runs only where ANCHOR found a name, not at every offset.
 */
const ASSIGNMENT_AT = /(VONAGE_API_SECRET|NEXMO_API_SECRET|api_secret|apiSecret)\b["']?[ \t]*(?::=|=>|=(?!=)|:(?!:))[ \t]*(?:(["'`])((?:\\.|(?!\2)[^\\\r\n])*)\2|([^\s"'`,;#&)\]}]+))?/y;
/** One pass finds every name by its tail (a literal alternation irregexp searches fast); the name is then checked backwards. */
const ANCHOR = /ecret|ECRET/g;
/** Each name and where its tail (ecret / ECRET) starts in it. */
const NAMES = [
  { name: 'VONAGE_API_SECRET', at: 12 },
  { name: 'NEXMO_API_SECRET', at: 11 },
  { name: 'api_secret', at: 5 },
  { name: 'apiSecret', at: 4 },
];
const WORD = /\w/;

/**
 * How the value is written, which decides what counts as a secret: `quoted`; `envLine`, a whole
 * `.env`/shell line (`[export ]NAME=value`, then nothing but a comment); `bare`, any other unquoted value.
 */
export type ValueForm = 'quoted' | 'envLine' | 'bare';

/** A quoted secret: no blanks, 8 to 200 characters. */
const QUOTED_SECRET = /^[^\s]{8,200}$/;
/** A bare secret (config files): letters, digits and - _ + / = only, with at least one letter and one digit. */
const BARE_SECRET = /^(?=[^\d]*\d)(?=[^A-Za-z]*[A-Za-z])[A-Za-z0-9_+/=-]{8,200}$/;
/**
 * A secret on a .env line: as BARE_SECRET, but a digit is not required (a random 16-character secret
 * has none about one time in sixteen); without one, both cases of letters, so a word (`development`,
 * `PRODUCTION_VALUE`, `my-value`) is not taken for a secret.
 */
const ENV_LINE_SECRET = /^(?=[^A-Za-z]*[A-Za-z])[A-Za-z0-9_+/=-]{8,200}$/;
const MIXED_CASE = /^(?=[^a-z]*[a-z])(?=[^A-Z]*[A-Z])/;
const DIGIT = /\d/;
/** Words and shapes of placeholders and examples. */
const PLACEHOLDER = /your|example|placeholder|change_?me|replace|redacted|dummy|sample|insert|enter|secret_?here|<|>|\{\{|\$\{|^\$|^%|xxxx|\*\*\*|\.\.\.|…|abcdef|123456|abc123|abcd1234|qwerty|password|^[a-z_]*secret[a-z_]*$/i;
/** What a bare value looks like when it is a variable of the code around it. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** How far back a code context is looked for (blanks and line breaks before an object key). */
const LOOK_BACK = 200;

export function findSecretAssignments(text: string): SecretFinding[] {
  const out: SecretFinding[] = [];
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m; m = ANCHOR.exec(text)) {
    for (const { name, at } of NAMES) {
      const start = m.index - at;
      if (start < 0 || !text.startsWith(name, start) || (start > 0 && WORD.test(text[start - 1]))) continue;
      if (!separatorFollows(text, start + name.length)) continue; // most mentions are references: no regex for them
      const found = assignmentAt(text, start);
      if (found) out.push(found);
    }
  }
  return out;
}

/** Whether `=`, `:` (or `=>`, `:=`) follows the name, after an optional closing quote and blanks. */
function separatorFollows(text: string, i: number): boolean {
  let j = i;
  if (text[j] === '"' || text[j] === "'") j++;
  while (text[j] === ' ' || text[j] === '\t') j++;
  return text[j] === '=' || text[j] === ':';
}

/** The assignment whose name starts at `start`, when its value is a literal secret. */
function assignmentAt(text: string, start: number): SecretFinding | undefined {
  ASSIGNMENT_AT.lastIndex = start;
  const m = ASSIGNMENT_AT.exec(text);
  if (!m) return undefined;
  const [whole, name, quote, quoted, bare] = m;
  const value = quoted ?? bare;
  const end = start + whole.length - (quote ? 1 : 0);
  const form = quote !== undefined ? 'quoted' : bareForm(text, start, name, whole, end);
  if (value === undefined || !isLiteralSecret(value, form)) return undefined;
  if (form === 'bare' && IDENTIFIER.test(value) && inCode(text, start, end, name)) return undefined; // `{ apiSecret: secretV2 }`: a variable (a whole .env line never is)
  const valueStart = end - value.length;
  return {
    kind: 'apiSecret',
    detail: 'secretAssignment',
    name,
    start: valueStart,
    end,
    literal: quote ? { start: valueStart - 1, end: end + 1 } : undefined,
  };
}

/**
 * `envLine` for a whole .env/shell line: `NAME=value` with nothing between them, at the start of the
 * line (after blanks and `export `), nothing after the value but blanks or a comment. Not for
 * `apiSecret`: that is a name in code (`apiSecret = loaded`), not in a .env.
 */
function bareForm(text: string, start: number, name: string, whole: string, end: number): ValueForm {
  if (name === 'apiSecret' || whole[name.length] !== '=' || whole[name.length + 1] === '=') return 'bare';
  return atLineStart(text, start) && atLineEnd(text, end) ? 'envLine' : 'bare';
}

function atLineStart(text: string, start: number): boolean {
  let i = skipBlanksBack(text, start);
  if (i < start && i >= 6 && text.startsWith('export', i - 6)) i = skipBlanksBack(text, i - 6);
  return i === 0 || text[i - 1] === '\n';
}

function skipBlanksBack(text: string, i: number): number {
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i;
}

function atLineEnd(text: string, end: number): boolean {
  let j = end;
  while (text[j] === ' ' || text[j] === '\t') j++;
  return j === text.length || text[j] === '\n' || text[j] === '\r' || text[j] === '#';
}

/**
 * Whether the assignment is code, where a bare identifier is a variable: a key of an object literal or
 * a keyword argument (after `{`, `,` or `(`, blanks and line breaks, the opening quote of a quoted key;
 * or followed by `,`), or a statement of code (`apiSecret = loaded;` — shell lines use the uppercase names).
 */
function inCode(text: string, start: number, end: number, name: string): boolean {
  let i = start;
  if (text[i - 1] === '"' || text[i - 1] === "'") i--;
  const stop = Math.max(0, i - LOOK_BACK);
  while (i > stop && /\s/.test(text[i - 1])) i--;
  const before = text[i - 1];
  let j = end;
  while (text[j] === ' ' || text[j] === '\t') j++;
  const after = text[j];
  return before === '{' || before === ',' || before === '(' || after === ',' || (after === ';' && (name === 'apiSecret' || name === 'api_secret'));
}

/** True for a value that is itself a secret, not a reference, a type or a placeholder. */
function isLiteralSecret(value: string, form: ValueForm): boolean {
  if (!shapeOfSecret(value, form)) return false;
  if (PLACEHOLDER.test(value)) return false;
  return new Set(value).size > 3; // "xxxxxxxx", "aaaa1111"
}

function shapeOfSecret(value: string, form: ValueForm): boolean {
  if (form === 'quoted') return QUOTED_SECRET.test(value);
  if (form === 'bare') return BARE_SECRET.test(value);
  return ENV_LINE_SECRET.test(value) && (DIGIT.test(value) || MIXED_CASE.test(value));
}
