// "Does Vonage accept this token?": one GET with the token itself as the credential, for something its
// ACL allows (the token's own user), and Vonage's answer reported as it is. No local rule is applied:
// the point is to hear Vonage's verdict (expired, bad signature, not allowed by the ACL, unknown application).
import { VonageApiError } from './errors';
import type { VonageHttpClient } from './httpClient';

export interface TokenCheckResult {
  accepted: boolean;
  /** The HTTP status Vonage answered. */
  status: number;
  /** Vonage's reason for a rejection, in its own words. */
  reason?: string;
  /** The path asked for (never the token). */
  path: string;
}

/** What a token is checked on: its own user (`/v1/users/{id}`), or the users list for an application token. */
function tokenCheckTarget(userId: string | undefined): { path: string; query?: Record<string, number> } {
  return userId ? { path: `/v1/users/${encodeURIComponent(userId)}` } : { path: '/v1/users', query: { page_size: 1 } };
}

/**
 * Asks Vonage with `token` as the Bearer credential. A 2xx (or a 404: the token got through and only
 * the thing was missing) is accepted; a 401 or 403 is rejected with Vonage's reason. Anything else
 * (network, 5xx, 429) is thrown: Vonage gave no verdict.
 */
export async function checkTokenWithVonage(http: VonageHttpClient, token: string, userId: string | undefined, signal?: AbortSignal): Promise<TokenCheckResult> {
  const { path, query } = tokenCheckTarget(userId);
  try {
    await http.request<unknown>({ method: 'GET', path, query, auth: { kind: 'bearer', token }, signal });
    return { accepted: true, status: 200, path };
  } catch (e) {
    if (!(e instanceof VonageApiError) || e.status === undefined) throw e;
    if (e.status === 401 || e.status === 403) return { accepted: false, status: e.status, reason: e.detail ?? e.title ?? (e.status === 401 ? 'unauthorized' : 'forbidden'), path };
    if (e.status === 404) return { accepted: true, status: 404, path };
    throw e;
  }
}
