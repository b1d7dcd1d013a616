// What a token endpoint's answer says, judged for the Client SDK: a 2xx JSON answer holding a token
// (`token`, or `jwt`), not cacheable; then the token itself: the token lens's verdict (RS256, at most 24
// hours, a jti, not expired), a sub, and an ACL that covers the Client SDK's paths. Pure: each problem is
// one sentence, and none quotes the token; each names the check that failed.
import { looksLikeHtml } from '../httpClient'; // loaded already: this module is reached through the core's barrel
import type { EndpointReply } from './endpointCall';
import { CLIENT_SDK_ACL, NotAJwtError, decodeToken, type DecodedToken } from '../jwt';
import type { TokenVerdict } from '../tokens/verdict';

/**
 * One thing wrong with an endpoint or the token it gave. `check` names what failed ('status', 'signature',
 * 'acl', a token lens code…): that is what the log gets. `sentence` is for the person: it may quote the
 * endpoint's answer (its problem detail, a redirect's Location), so it is shown, never logged.
 */
export interface EndpointProblem {
  check: string;
  sentence: string;
}

interface EndpointReading {
  /** The token the answer holds, when it holds one. */
  token?: string;
  /** The answer's own `exp`, when it gives one. */
  exp?: unknown;
  problems: EndpointProblem[];
}

const problem = (check: string, sentence: string): EndpointProblem => ({ check, sentence });

const TOKEN_FIELDS = ['token', 'jwt'];
const SHAPE = 'a token endpoint answers JSON such as {"token": "<JWT>", "exp": <seconds since 1970>}';

function clip(text: string, length = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

function jsonOf(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** " (Unauthorized: Sign in first)" from a problem JSON answer, or "". */
function problemSummary(reply: EndpointReply): string {
  const body = jsonOf(reply.body);
  if (!isObject(body)) return '';
  const parts = [body.title, body.detail ?? body.message ?? body.error].filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return parts.length ? ` (${clip(parts.join(': '))})` : '';
}

const STATUS_HINTS: Record<number, string> = {
  401: 'Send what your sign-in expects (a Cookie or Authorization header) with the check.',
  403: 'The signed-in caller may not have a token: check what your sign-in allows.',
  404: 'Check the URL: nothing answers at that path.',
  405: 'Check the method: token endpoints generated here answer POST.',
};

/** Why a non-2xx answer holds no token, in one sentence. */
function refusal(reply: EndpointReply, shown: string): string {
  const status = `${reply.status}${reply.statusText ? ` ${reply.statusText}` : ''}`;
  if (reply.status >= 300 && reply.status < 400) {
    return `${shown} answered ${status}, a redirect${reply.location ? ` to ${clip(reply.location, 100)}` : ''}: a token endpoint answers the request itself (an app asking for a token does not follow a redirect to a sign-in page).`;
  }
  const hint = STATUS_HINTS[reply.status] ?? (reply.status >= 500 ? 'The server\'s log says why.' : '');
  return `${shown} answered ${status}${problemSummary(reply)}, not a token.${hint ? ` ${hint}` : ''}`;
}

/** Whether the answer keeps every cache from storing it. */
function notCacheable(cacheControl: string | undefined): boolean {
  return /(^|,)\s*no-store\s*(,|$)/i.test(cacheControl ?? '');
}

/** Reads an endpoint's answer: the token it holds, and every problem with the answer itself. */
export function readTokenReply(reply: EndpointReply, shown: string): EndpointReading {
  if (reply.status < 200 || reply.status >= 300) return { problems: [problem('status', refusal(reply, shown))] };
  const body = jsonOf(reply.body);
  const type = reply.contentType?.split(';')[0].trim();
  if (body === undefined) {
    const html = looksLikeHtml(reply.body, type ?? null);
    return { problems: [problem('json', `${shown} answered ${reply.status} with ${html ? 'an HTML page' : type ?? 'no Content-Type'}, not JSON: ${SHAPE}.`)] };
  }
  const field = isObject(body) ? TOKEN_FIELDS.find((f) => typeof body[f] === 'string' && body[f] !== '') : undefined;
  if (!isObject(body) || !field) {
    const has = isObject(body) ? (Object.keys(body).length ? `the fields ${Object.keys(body).slice(0, 6).join(', ')}` : 'no field') : `a JSON ${Array.isArray(body) ? 'array' : typeof body}`;
    return { problems: [problem('token', `${shown} answered ${reply.status} JSON without a token (it has ${has}): ${SHAPE}.`)] };
  }
  const problems: EndpointProblem[] = [];
  if (!/json/i.test(type ?? '')) problems.push(problem('contentType', `Its Content-Type is ${type ?? 'not set'}; a JSON answer says application/json.`));
  if (!notCacheable(reply.cacheControl)) {
    problems.push(problem('cacheControl', `Its answer may be cached: Cache-Control is ${reply.cacheControl ? `"${clip(reply.cacheControl, 80)}"` : 'not set'}, so a browser or a proxy could keep the token and hand it to someone else. Send Cache-Control: no-store.`));
  }
  return { token: body[field] as string, exp: body.exp, problems };
}

/** The answer's token decoded, or why it is no JWT (said once: "…is not a JWT: a JWT has three parts…"). */
export function decodeAnswerToken(token: string): { decoded: DecodedToken } | { problem: EndpointProblem } {
  try {
    return { decoded: decodeToken(token) };
  } catch (e) {
    const why = e instanceof NotAJwtError ? e.reason : e instanceof Error ? e.message : String(e);
    return { problem: problem('jwt', `The answer's token is not a JWT: ${why}.`) };
  }
}

/** Whether ACL glob `general` allows every path `specific` allows (`*` one segment, `**` the rest). */
export function globCovers(general: string, specific: string): boolean {
  const g = general.split('/').filter(Boolean);
  const s = specific.split('/').filter(Boolean);
  for (let i = 0; i < g.length; i++) {
    if (g[i] === '**') return s.length > i;
    if (i >= s.length || s[i] === '**') return false;
    if (g[i] !== '*' && g[i] !== s[i]) return false;
  }
  return g.length === s.length;
}

/** The Client SDK paths an ACL claim does not cover; undefined when the token has no ACL at all. */
export function uncoveredClientSdkPaths(acl: unknown): string[] | undefined {
  if (acl === undefined || acl === null) return undefined;
  const globs = isObject(acl) && isObject(acl.paths) ? Object.keys(acl.paths) : [];
  return Object.keys(CLIENT_SDK_ACL.paths).filter((needed) => !globs.some((g) => globCovers(g, needed)));
}

/** What is wrong with the token an endpoint gave, beyond its signature: the lens's verdict, sub, ACL, exp. */
export function endpointTokenProblems(claims: Record<string, unknown>, verdict: TokenVerdict, answerExp: unknown): EndpointProblem[] {
  if (!verdict.vonage) return [problem('applicationId', 'The token has no application_id, so it is not a Vonage token: the Client SDK cannot log in with it.')];
  const problems = verdict.problems.filter((p) => p.code !== 'signature').map((p) => problem(p.code, p.message));
  if (verdict.state === 'expired') problems.push(problem('expired', 'It has expired already: the endpoint gives out tokens that Vonage rejects.'));
  if (verdict.state === 'notYetValid') problems.push(problem('notYetValid', 'It is not valid yet (its iat or nbf is in the future): check the clock of the server.'));
  if (typeof claims.sub !== 'string' || claims.sub === '') problems.push(problem('sub', 'It has no sub: a Client SDK token names the Vonage user it logs in as.'));
  const uncovered = uncoveredClientSdkPaths(claims.acl);
  if (uncovered === undefined) {
    problems.push(problem('acl', 'It has no acl: a Client SDK token carries the Client SDK\'s ACL (/*/users/**, /*/conversations/**, /*/sessions/** …), so that it can do what the SDK does and no more.'));
  } else if (uncovered.length) {
    problems.push(problem('acl', `Its ACL does not cover ${uncovered.join(', ')}: the Client SDK calls ${uncovered.length === 1 ? 'it' : 'them'}, and Vonage refuses what the ACL does not allow.`));
  }
  if (answerExp !== undefined && answerExp !== claims.exp) {
    problems.push(problem('answerExp', `The answer's exp (${clip(JSON.stringify(answerExp), 40)}) is not the token's (${String(claims.exp)}): an app that refreshes by it refreshes at the wrong time.`));
  }
  return problems;
}
