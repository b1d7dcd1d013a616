// Renew Expired Tokens, the core of it: which tokens of a text are due, and a fresh token for each one
// whose application's private key is held, with why each other one is skipped. Plain Node: the command
// finds the texts, asks whether a file is read-only and turns the replacements into one WorkspaceEdit.
import { renewalPlan, type RenewalPlan } from './renewal';
import { findJwts, type FoundJwt } from './scanner';
import { judgeToken } from './verdict';

/**
 * Due for "Renew Expired Tokens": Vonage no longer takes the token, or rejects it for its lifetime. A
 * token stops working at its exp (15 minutes after iat without one) and at the latest 24 hours after
 * its iat, whatever its exp says (effective expiry = min(exp, iat + 86400)); a token whose lifetime is
 * over 24 hours is also one the lens marks as rejected (an Error) from the start, so it is due from the
 * start. With `onlyExpired` false every token is due.
 */
export function isDueForRenewal(token: Pick<FoundJwt, 'header' | 'claims'>, now: number, onlyExpired = true): boolean {
  if (!onlyExpired) return true;
  const v = judgeToken(token, 'unknown', now);
  if (v.expiresAtMs !== undefined && v.expiresAtMs <= now) return true;
  return v.problems.some((p) => p.code === 'lifetime');
}

/** What a renewal needs of its run: the keys held, the signer, and a way to stop it. */
export interface RenewalRun {
  /** Aborted: no further token is signed, and the run throws (an AbortError). */
  signal?: AbortSignal;
  /** The private key held for the application, or undefined. */
  privateKey(applicationId: string): Promise<string | undefined>;
  /** The application's name when known (for the reason a token is skipped). */
  applicationName(applicationId: string): string | undefined;
  sign(plan: RenewalPlan, privateKey: string): string;
}

/** A fresh token for the text between `start` and `end`. */
export interface Replacement { start: number; end: number; token: string }

export interface TextRenewal { replacements: Replacement[]; skipped: string[] }

/** The tokens of `text` that are due, in order. */
export function dueTokens(text: string, now: number, onlyExpired: boolean): FoundJwt[] {
  return findJwts(text).filter((t) => isDueForRenewal(t, now, onlyExpired));
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  const e = new Error('Renewing the tokens was cancelled.');
  e.name = 'AbortError';
  throw e;
}

/** A fresh token for each due token whose private key is held; the others skipped, each with the reason. */
export async function renewDueTokens(due: FoundJwt[], run: RenewalRun): Promise<TextRenewal> {
  const result: TextRenewal = { replacements: [], skipped: [] };
  for (const t of due) {
    throwIfAborted(run.signal);
    const applicationId = t.claims.application_id;
    if (typeof applicationId !== 'string' || !applicationId) {
      result.skipped.push('not a Vonage token (it has no application_id)');
      continue;
    }
    const plan = renewalPlan(t.claims);
    const key = await run.privateKey(plan.applicationId);
    if (!key) {
      const name = run.applicationName(plan.applicationId);
      result.skipped.push(`this VS Code holds no private key for application ${name ? `"${name}" (${plan.applicationId})` : plan.applicationId}`);
      continue;
    }
    throwIfAborted(run.signal); // the key lookup may have waited
    result.replacements.push({ start: t.start, end: t.end, token: run.sign(plan, key) });
  }
  return result;
}
