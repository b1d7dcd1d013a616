import type * as Core from '../../vonage';
import type { EndpointReply, EndpointRequest } from '../../vonage/endpoint/endpointCall';
import type { EndpointProblem } from '../../vonage/endpoint/endpointVerdict';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { Services } from '../../services';
import { argsOf, optString } from '../../ui/args';
import { registerCommand, type Invocation } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { keyInWords, type SignatureCheck } from '../tokens/lens/tokenJudge';
import { userIdByName } from '../users/userByName';
import type { EndpointVerdicts } from './endpointVerdictDocument';

export interface EndpointCheck {
  /** True when the endpoint answered with a token Vonage will accept, and nothing else is wrong. */
  ok: boolean;
  /** The HTTP status it answered (0: it did not answer). */
  status: number;
  /** The token's claims, when it gave one. */
  claims?: Record<string, unknown>;
  /** Each problem in one sentence (none quotes the token). */
  problems: string[];
}

const TITLE = 'Check Token Endpoint';
const EXAMPLE_URL = 'http://localhost:3000/api/vonage/token';

/**
 * Vonage: Check Token Endpoint — `{ url, method?, headers?, body? }` → `{ ok, status, claims?, problems }`.
 * Calls a running token endpoint (on localhost or deployed) and judges the token it gives as the token
 * lens judges one, with the key this VS Code holds for the application, plus what an endpoint owes the
 * Client SDK: an application of the account, a user that exists, the Client SDK's ACL, not cacheable.
 * By hand the verdict opens in a read-only document with Check with Vonage. Nothing of the answer reaches
 * the log but the verdict (ok, the status, the names of the checks that failed): the token is a secret,
 * and the endpoint's own texts (a problem's detail, a redirect's Location) are its user's data.
 */
export function registerCheckTokenEndpoint(s: Services, verdicts: EndpointVerdicts): void {
  let lastUrl = EXAMPLE_URL;
  registerCommand(s.context, 'vonage.checkTokenEndpoint', s, async (arg, inv) => {
    const core = await s.session.core();
    const request = await endpointRequest(core, arg, inv, lastUrl);
    lastUrl = request.url;
    const shown = `${request.method} ${core.shownUrl(core.endpointUrl(request.url))}`;
    const timeoutMs = s.session.requestTimeoutMs;
    const outcome = await withProgress(`Vonage: asking ${shown} for a token…`, (signal) => core.callTokenEndpoint(request, { fetch, timeoutMs, signal }));
    const judged: Judged = outcome.reached ? await judgeReply(s, core, outcome.reply, shown) : { status: 0, problems: [{ check: 'reach', sentence: outcome.sentence }] };
    const check: EndpointCheck = { ok: judged.problems.length === 0, status: judged.status, ...(judged.claims && { claims: judged.claims }), problems: judged.problems.map((p) => p.sentence) };
    s.log.info(`Checked the token endpoint ${shown}: ${verdictForLog(judged, outcome.reached)}`);
    if (!inv.scripted) {
      const reply = outcome.reached ? outcome.reply : undefined;
      const document = await verdicts.show({ request: shown, ...check, answered: outcome.reached, contentType: reply?.contentType, cacheControl: reply?.cacheControl }, judged.token);
      return { ...check, document: document.toString() };
    }
    return check;
  });
}

/** The verdict for the log: ok or not, the status, how many problems and the checks that failed, by name only. */
function verdictForLog(judged: Judged, answered: boolean): string {
  const status = answered ? String(judged.status) : 'no answer';
  if (!judged.problems.length) return `ok, ${status}.`;
  const n = judged.problems.length;
  return `not ok, ${status}, ${n} problem${n === 1 ? '' : 's'} (${[...new Set(judged.problems.map((p) => p.check))].join(', ')}).`;
}

/** The request: from the arguments, else asked (the URL, then the headers a sign-in needs, one at a time). */
async function endpointRequest(core: typeof Core, arg: unknown, inv: Invocation, lastUrl: string): Promise<EndpointRequest> {
  const args = argsOf(arg);
  let url = optString(args, 'url');
  if (url === undefined && inv.scripted) throw new VonageInputError(`Give the endpoint's URL: { url: '${EXAMPLE_URL}' }.`, 'url');
  url ??= await inv.ui.input({
    title: TITLE, prompt: 'The token endpoint\'s URL (the endpoint is sent only what you give here)', value: lastUrl,
    validate: (v) => { try { core.endpointUrl(v); return undefined; } catch (e) { return e instanceof Error ? e.message : String(e); } },
  });
  core.endpointUrl(url);
  const method = (optString(args, 'method') ?? 'POST').toUpperCase();
  if (!/^[A-Z]+$/.test(method)) throw new VonageInputError(`The method "${method}" is not an HTTP method such as POST or GET.`, 'method');
  const headers = headersArg(args.headers) ?? (inv.scripted ? {} : await askHeaders(inv));
  const body = bodyArg(args.body, headers);
  return { url: url.trim(), method, headers, body };
}

function headersArg(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((v) => typeof v !== 'string')) {
    throw new VonageInputError('The argument "headers" is an object of header names and text values, e.g. { "Authorization": "Bearer …" }.', 'headers');
  }
  return { ...(value as Record<string, string>) };
}

/** The body as text: a string as it is, an object as JSON (with its Content-Type unless one is given). */
function bodyArg(value: unknown, headers: Record<string, string>): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  return JSON.stringify(value);
}

/** Headers one at a time ("Authorization: Bearer …"), until an empty answer. They are credentials: typed hidden. */
async function askHeaders(inv: Invocation): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  for (;;) {
    const count = Object.keys(headers).length;
    const line = await inv.ui.input({
      title: TITLE, password: true,
      prompt: count ? `${count} header(s) so far. Another one, or Enter to send` : 'A header your sign-in needs, e.g. Authorization: Bearer … or Cookie: session=… (Enter for none)',
      validate: (v) => (v.trim() === '' || /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*:/.test(v.trim()) ? undefined : 'Write it as Name: value, e.g. Authorization: Bearer ….'),
    });
    if (line.trim() === '') return headers;
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
}

/** The verdict on an answer, each problem with the check that failed; the token, for Check with Vonage. */
interface Judged {
  status: number;
  claims?: Record<string, unknown>;
  problems: EndpointProblem[];
  token?: string;
}

/** The verdict on an answer: its shape, then the token's signature, application, user, claims. */
async function judgeReply(s: Services, core: typeof Core, reply: EndpointReply, shown: string): Promise<Judged> {
  const reading = core.readTokenReply(reply, shown);
  if (!reading.token) return { status: reply.status, problems: reading.problems };
  const decoding = core.decodeAnswerToken(reading.token);
  if ('problem' in decoding) return { status: reply.status, problems: [...reading.problems, decoding.problem] };
  const { decoded } = decoding;
  const judged = await s.tokenLens.judge.judgeNow(reading.token, decoded);
  const problems = [
    ...reading.problems,
    ...signatureProblems(judged.verdict.signature, judged.signatureCheck),
    ...(judged.verdict.vonage ? await accountProblems(s, decoded.claims) : []),
    ...core.endpointTokenProblems(decoded.claims, judged.verdict, reading.exp),
  ];
  return { status: reply.status, claims: decoded.claims, problems, token: reading.token };
}

/** The signature's problem, from the key it was checked with or why it could not be. */
function signatureProblems(signature: 'verified' | 'invalid' | 'unknown', check: SignatureCheck): EndpointProblem[] {
  if (signature === 'verified') return [];
  const problem = (sentence: string) => [{ check: 'signature', sentence }];
  switch (check.by) {
    case 'privateKey': case 'api':
      return problem(`Its signature does not verify (checked with ${keyInWords(check.by)}): the endpoint signs with another key than the application's, and Vonage refuses such a token.`);
    case 'none': return problem(`Its signature could not be checked: ${check.why}`);
    case 'pending': return problem('Its signature could not be checked yet: the application\'s key was still being looked up. Check again.');
    // No application, no key: endpointTokenProblems says that the token is not a Vonage one.
    case 'noApplication': return [];
  }
}

/** The token's application is one of the active account's, and its user exists in it. */
async function accountProblems(s: Services, claims: Record<string, unknown>): Promise<EndpointProblem[]> {
  const applicationId = String(claims.application_id);
  const why = (e: unknown) => (e instanceof Error ? e.message : String(e));
  const application = (sentence: string) => [{ check: 'application', sentence }];
  const user = (sentence: string) => [{ check: 'user', sentence }];
  let known: boolean;
  try {
    known = (await s.tree.applications()).some((a) => a.applicationId === applicationId);
  } catch (e) {
    return application(`Whether its application ${applicationId} is one of your account's could not be checked: ${why(e)}`);
  }
  if (!known) return application(`Its application ${applicationId} is not one of the active account's applications: the endpoint signs for another application, or another account is active here.`);
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '') return [];
  const name = s.tree.findApplication(applicationId)?.app.name ?? applicationId;
  try {
    if (await userIdByName(s, applicationId, sub)) return [];
  } catch (e) {
    return user(`Whether its user "${sub}" exists in ${name} could not be checked: ${why(e)}`);
  }
  return user(`Its user "${sub}" does not exist in ${name}: Vonage refuses a login as a user it does not know. Create the user (Vonage: Create User), or map your users to existing ones in toVonageUser().`);
}
