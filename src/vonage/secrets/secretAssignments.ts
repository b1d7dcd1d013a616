// API secrets given by name a literal value: `VONAGE_API_SECRET=…` (.env, shell), `api_secret: …`
// (YAML, Ruby, Python, the REST parameter), `apiSecret: '…'` (the Node SDK option), `"api_secret": "…"`
// (JSON). Not reported: a reference (`process.env.X`, `${X}`, `$X`, `os.environ[…]`, `config.secret`),
// an empty value, a type (`apiSecret: string`), and the placeholders of samples and `.env.example`
// files (`your-api-secret`, `xxxxxxxx`, `<secret>`, `abcd1234`, `REDACTED`, `***`).
import type { SecretFinding } from './finding';

/**
 * At a name: the name, an optional closing quote of a quoted key, the separator, and a quoted or bare
 * value. Sticky: it runs only where ANCHOR found a name, not at every offset.
 */
const ASSIGNMENT_AT = /(VONAGE_API_SECRET|NEXMO_API_SECRET|api_secret|apiSecret)\b["']?[ \t]*(?::=|=>|=(?!=)|:(?!:))[ \t]*(?:(["'`])((?:\\.|(?!\2)[^\\\r\n])*)\2|([^\s"'`,;#]+))?/y;
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

/** A quoted secret: no blanks, 8 to 200 characters. */
const QUOTED_SECRET = /^[^\s]{8,200}$/;
/** A bare secret (config files): letters, digits and - _ + / = only, with at least one letter and one digit. */
const BARE_SECRET = /^(?=[^\d]*\d)(?=[^A-Za-z]*[A-Za-z])[A-Za-z0-9_+/=-]{8,200}$/;
/** Words and shapes of placeholders and examples. */
const PLACEHOLDER = /your|example|placeholder|change_?me|replace|redacted|dummy|sample|insert|enter|secret_?here|<|>|\{\{|\$\{|^\$|^%|xxxx|\*\*\*|\.\.\.|…|abcdef|123456|abc123|abcd1234|qwerty|password|^[a-z_]*secret[a-z_]*$/i;

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
  if (value === undefined || !isLiteralSecret(value, quote !== undefined)) return undefined;
  const end = start + whole.length - (quote ? 1 : 0);
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

/** True for a value that is itself a secret, not a reference, a type or a placeholder. */
export function isLiteralSecret(value: string, quoted: boolean): boolean {
  if (!(quoted ? QUOTED_SECRET : BARE_SECRET).test(value)) return false;
  if (PLACEHOLDER.test(value)) return false;
  return new Set(value).size > 3; // "xxxxxxxx", "aaaa1111"
}
