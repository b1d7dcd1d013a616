// What a renewed token keeps: the same application, `sub`, `acl` and any other claims of the old one,
// with a new `iat`, `jti` and `exp`, and the same lifetime (`exp` − `iat`), capped at Vonage's 24 hours.
import { DEFAULT_LIFETIME_SECONDS, MAX_LIFETIME_SECONDS } from './verdict';

/** Claims the signer sets afresh on every token. */
const FRESH = new Set(['iat', 'jti', 'exp', 'nbf']);

export interface RenewalPlan {
  applicationId: string;
  /** Seconds the new token lives. */
  ttlSeconds: number;
  /** Claims copied as they are (sub, acl, application_id, custom claims). */
  kept: Record<string, unknown>;
  /** The old token had `nbf`: the new one gets `nbf` = `iat`, as Vonage's own generator does. */
  withNotBefore: boolean;
}

function seconds(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The lifetime to give the new token: the old one's (`exp` − `iat`) capped at 24 hours; 15 minutes
 * when it had no `exp` (what Vonage gave it); 24 hours for a user token (15 minutes for an admin
 * token) when its lifetime cannot be read.
 */
export function renewedLifetime(claims: Record<string, unknown>): number {
  const iat = seconds(claims.iat);
  const exp = seconds(claims.exp);
  if (exp === undefined && iat !== undefined) return DEFAULT_LIFETIME_SECONDS;
  const lifetime = iat !== undefined && exp !== undefined ? Math.round(exp - iat) : undefined;
  if (lifetime === undefined || lifetime <= 0 || lifetime > 1e9) return claims.sub === undefined ? DEFAULT_LIFETIME_SECONDS : MAX_LIFETIME_SECONDS;
  return Math.min(lifetime, MAX_LIFETIME_SECONDS);
}

/** How to renew a Vonage token (the caller checked it has an application_id). */
export function renewalPlan(claims: Record<string, unknown>): RenewalPlan {
  const kept = Object.fromEntries(Object.entries(claims).filter(([k]) => !FRESH.has(k)));
  return {
    applicationId: String(claims.application_id),
    ttlSeconds: renewedLifetime(claims),
    kept,
    withNotBefore: claims.nbf !== undefined,
  };
}
