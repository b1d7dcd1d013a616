// One pass over a text for every kind of secret git should not publish: private keys, API secrets
// (stored ones as literals, and literal assignments), Vonage JWTs. The JWTs come from the token
// scanner (src/vonage/tokens/scanner.ts), found by the caller: the editor reuses the token lens's
// per-document pass, a workspace scan runs findJwts itself.
import { enclosingLiteral, type SecretFinding } from './finding';
import { findPrivateKeys } from './privateKeyBlocks';
import { findSecretAssignments } from './secretAssignments';
import { findStoredSecrets } from './storedSecrets';
import { isVonageClaims } from '../tokens/scanner';

/** A JWT as the token scanner's findJwts reports it (the part used here). */
export interface JwtInText { readonly start: number; readonly end: number; readonly claims: Record<string, unknown> }

export interface ScanInput {
  /** The API secrets stored in this VS Code (compared, never reported). */
  readonly storedSecrets?: readonly string[];
  /** The JWTs in the text (from findJwts); only Vonage ones (with application_id) are reported. */
  readonly jwts?: readonly JwtInText[];
}

/** Every secret in `text`, in text order, one finding per place. */
export function scanSecrets(text: string, input: ScanInput = {}): SecretFinding[] {
  const found = [
    ...findPrivateKeys(text),
    ...findSecretAssignments(text),
    ...findStoredSecrets(text, input.storedSecrets ?? []),
    ...vonageJwts(text, input.jwts ?? []),
  ];
  return mergeOverlaps(found.sort((a, b) => a.start - b.start || b.end - a.end));
}

function vonageJwts(text: string, jwts: readonly JwtInText[]): SecretFinding[] {
  return jwts.filter((j) => isVonageClaims(j.claims))
    .map((j) => ({ kind: 'jwt', detail: 'jwt', start: j.start, end: j.end, literal: enclosingLiteral(text, j.start, j.end) }));
}

/**
 * One finding per place: a stored secret that is also a named assignment is reported once, as the
 * stored secret (the stronger statement) under the assignment's name; a finding inside another
 * (a secret inside a key block) is dropped.
 */
function mergeOverlaps(sorted: SecretFinding[]): SecretFinding[] {
  const out: SecretFinding[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (!last || f.start >= last.end) { out.push(f); continue; }
    if (f.start === last.start && f.end === last.end && f.kind === last.kind) {
      const stored = f.detail === 'storedSecret' ? f : last;
      out[out.length - 1] = { ...stored, name: last.name ?? f.name };
    }
  }
  return out;
}
