// API secrets given by name a literal value: `VONAGE_API_SECRET=…` (.env, shell), `api_secret: …`
// (YAML, Ruby, Python, the REST parameter), `apiSecret: '…'` (the Node SDK option), `"api_secret": "…"`
// (JSON). Not reported: a reference (`process.env.X`, `${X}`, `$X`, `os.environ[…]`, `config.secret`),
// an empty value, a type (`apiSecret: string`), and the placeholders of samples and `.env.example`
// files (`your-api-secret`, `xxxxxxxx`, `<secret>`, `abcd1234`, `REDACTED`, `***`).
import type { SecretFinding } from './finding';

/** The names, then an optional closing quote of a quoted key, the separator, and a quoted or bare value. */
const ASSIGNMENT = /\b(VONAGE_API_SECRET|NEXMO_API_SECRET|api_secret|apiSecret)\b["']?[ \t]*(?::=|=>|=(?!=)|:(?!:))[ \t]*(?:(["'`])((?:\\.|(?!\2)[^\\\r\n])*)\2|([^\s"'`,;#]+))?/g;

/** A quoted secret: no blanks, 8 to 200 characters. */
const QUOTED_SECRET = /^[^\s]{8,200}$/;
/** A bare secret (config files): letters, digits and - _ + / = only, with at least one letter and one digit. */
const BARE_SECRET = /^(?=[^\d]*\d)(?=[^A-Za-z]*[A-Za-z])[A-Za-z0-9_+/=-]{8,200}$/;
/** Words and shapes of placeholders and examples. */
const PLACEHOLDER = /your|example|placeholder|change_?me|replace|redacted|dummy|sample|insert|enter|secret_?here|<|>|\{\{|\$\{|^\$|^%|xxxx|\*\*\*|\.\.\.|…|abcdef|123456|abc123|abcd1234|qwerty|password|^[a-z_]*secret[a-z_]*$/i;

export function findSecretAssignments(text: string): SecretFinding[] {
  const out: SecretFinding[] = [];
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(text); m; m = ASSIGNMENT.exec(text)) {
    const [whole, name, quote, quoted, bare] = m;
    const value = quoted ?? bare;
    if (value === undefined || !isLiteralSecret(value, quote !== undefined)) continue;
    const end = m.index + whole.length - (quote ? 1 : 0);
    const start = end - value.length;
    out.push({
      kind: 'apiSecret',
      detail: 'secretAssignment',
      name,
      start,
      end,
      literal: quote ? { start: start - 1, end: end + 1 } : undefined,
    });
  }
  return out;
}

/** True for a value that is itself a secret, not a reference, a type or a placeholder. */
export function isLiteralSecret(value: string, quoted: boolean): boolean {
  if (!(quoted ? QUOTED_SECRET : BARE_SECRET).test(value)) return false;
  if (PLACEHOLDER.test(value)) return false;
  return new Set(value).size > 3; // "xxxxxxxx", "aaaa1111"
}
