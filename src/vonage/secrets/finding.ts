// What the secret detectors report: the kind of secret, where it is, and the string literal around it.

export type SecretKind = 'privateKey' | 'apiSecret' | 'jwt';

/** How the secret was recognised; it chooses the words of the warning. */
export type SecretDetail =
  | 'pem' // a PEM private key block with real line breaks
  | 'pemEscaped' // a PEM private key block inside a string, its line breaks written as \n
  | 'storedSecret' // the API secret of an account stored in this VS Code, as a literal
  | 'secretAssignment' // VONAGE_API_SECRET= / api_secret / apiSecret given a literal value
  | 'jwt'; // a Vonage JWT (its claims hold application_id)

/** A span of the text: [start, end) offsets. */
export interface Span { readonly start: number; readonly end: number }

export interface SecretFinding extends Span {
  readonly kind: SecretKind;
  readonly detail: SecretDetail;
  /** The string literal holding the secret, quotes included, when it is exactly one literal. */
  readonly literal?: Span;
  /** The name it was assigned to (VONAGE_API_SECRET, apiSecret, …), when found by that name. */
  readonly name?: string;
}

const QUOTES = '"\'`';

/**
 * The quoted literal that holds exactly [start, end): the same quote right before and right after.
 * `trailing` may skip escaped line breaks before the closing quote (a PEM string ends with "\n").
 */
export function enclosingLiteral(text: string, start: number, end: number, trailing?: RegExp): Span | undefined {
  const quote = text[start - 1];
  if (!quote || !QUOTES.includes(quote)) return undefined;
  let close = end;
  if (trailing) {
    trailing.lastIndex = end;
    const m = trailing.exec(text);
    if (m && m.index === end) close = end + m[0].length;
  }
  return text[close] === quote ? { start: start - 1, end: close + 1 } : undefined;
}
