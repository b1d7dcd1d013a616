// How the sandbox judges a Bearer token on the Conversation API, as Vonage does: RS256 only, signed
// by the public key of the application its application_id names, exp/iat within the platform's rules
// (no exp: 15 minutes from iat; a lifetime over 24 h refused), and — for a user token (one with
// `sub`) — the ACL: `acl.paths` keys are path globs where `*` is one path segment and `**` the rest.
import type * as crypto from 'crypto';
import * as jwt from 'jsonwebtoken';

const DEFAULT_TOKEN_TTL_S = 15 * 60;
const MAX_TOKEN_TTL_S = 24 * 60 * 60;

export interface VerifiedToken {
  applicationId: string;
  /** The user name of a user token; undefined for an admin (application) token. */
  sub?: string;
  /** The ACL's path globs; undefined when the token has no ACL (it may do anything). */
  aclPaths?: string[];
}

/** Why a token was refused: 401 (who are you?) or 403 (not this path), with Vonage's kind of reason. */
export class TokenRejected extends Error {
  constructor(readonly status: 401 | 403, readonly reason: string) {
    super(reason);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Verifies `token` against the public key of its application (`publicKeyOf` undefined: unknown application). */
export function verifyToken(token: string, publicKeyOf: (applicationId: string) => crypto.KeyObject | undefined, nowS = Math.floor(Date.now() / 1000)): VerifiedToken {
  let decoded: jwt.Jwt | null;
  try {
    decoded = jwt.decode(token, { complete: true });
  } catch {
    decoded = null;
  }
  if (!decoded || !isObject(decoded.payload)) throw new TokenRejected(401, 'invalid token: not a JWT');
  if (decoded.header.alg !== 'RS256') throw new TokenRejected(401, `invalid token: the algorithm must be RS256, not ${String(decoded.header.alg)}`);
  const applicationId = decoded.payload.application_id;
  if (typeof applicationId !== 'string') throw new TokenRejected(401, 'invalid token: no application_id claim');
  const key = publicKeyOf(applicationId);
  if (!key) throw new TokenRejected(401, `unknown application ${applicationId}`);
  let claims: jwt.JwtPayload;
  try {
    const verified = jwt.verify(token, key, { algorithms: ['RS256'], ignoreExpiration: true });
    if (!isObject(verified)) throw new Error('no claims');
    claims = verified;
  } catch {
    throw new TokenRejected(401, 'bad signature: the token was not signed with the private key of this application');
  }
  checkLifetime(claims, nowS);
  const sub = typeof claims.sub === 'string' && claims.sub !== '' ? claims.sub : undefined;
  return { applicationId, sub, aclPaths: aclPathsOf(claims.acl) };
}

function checkLifetime(claims: jwt.JwtPayload, nowS: number): void {
  const iat = typeof claims.iat === 'number' ? claims.iat : undefined;
  const exp = typeof claims.exp === 'number' ? claims.exp : undefined;
  if (exp === undefined && (iat === undefined || iat + DEFAULT_TOKEN_TTL_S <= nowS)) throw new TokenRejected(401, 'expired');
  if (exp !== undefined && exp <= nowS) throw new TokenRejected(401, 'expired');
  if (exp !== undefined && iat !== undefined && exp - iat > MAX_TOKEN_TTL_S) throw new TokenRejected(401, 'invalid token: it lives longer than 24 hours');
  if (typeof claims.nbf === 'number' && claims.nbf > nowS) throw new TokenRejected(401, 'invalid token: not valid yet (nbf)');
}

function aclPathsOf(acl: unknown): string[] | undefined {
  if (acl === undefined) return undefined;
  const paths = isObject(acl) ? acl.paths : undefined;
  return isObject(paths) ? Object.keys(paths) : [];
}

/** Whether one ACL glob allows `path`: `*` matches one segment, `**` the rest (one or more segments). */
export function globAllows(glob: string, path: string): boolean {
  const want = glob.split('/').filter(Boolean);
  const got = path.split('?')[0].split('/').filter(Boolean);
  for (let i = 0; i < want.length; i++) {
    if (want[i] === '**') return got.length > i;
    if (i >= got.length) return false;
    if (want[i] !== '*' && want[i] !== got[i]) return false;
  }
  return got.length === want.length;
}

/** Refuses (403) a user token whose ACL allows no glob for `path`. Admin tokens and tokens without an ACL pass. */
export function checkAcl(token: VerifiedToken, path: string): void {
  if (token.sub === undefined || token.aclPaths === undefined) return;
  if (!token.aclPaths.some((g) => globAllows(g, path))) throw new TokenRejected(403, `not allowed by the ACL: no path of the token's acl allows ${path.split('?')[0]}`);
}
