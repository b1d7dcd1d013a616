import vscode = require('vscode');
import type { Services } from '../../services';
import { argsOf, optString } from '../../ui/args';
import { registerCommand, type Invocation } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { tokenTarget, uriArg } from '../tokens/tokenTarget';
import { userIdByName } from '../users/userByName';
import { UserNode } from '../users/userNode';

/** How long the fresh token a user node's quick action checks lives. */
const FRESH_TOKEN_TTL_SECONDS = 300;

interface TokenToCheck { token: string; described: string }

/**
 * Vonage: Check Token with Vonage — `{ token }` (or `{ uri, offset }` from the token hover, or a user
 * node) → `{ accepted, status, reason? }`. Asks Vonage itself, with the token as the credential, for the
 * token's own user, and reports what Vonage answered. A token whose application is not one of the
 * active account's is sent nowhere. From a user node it checks a fresh token for that user, signed
 * with the stored key: "would Vonage let this user's app log in?".
 */
export function registerCheckTokenWithVonage(s: Services): void {
  registerCommand(s.context, 'vonage.checkTokenWithVonage', s, async (arg, inv) => {
    const { token, described } = await tokenToCheck(s, arg, inv);
    const core = await s.session.core();
    const claims = core.decodeToken(token).claims;
    const applicationId = await knownApplication(s, claims.application_id);
    const sub = typeof claims.sub === 'string' && claims.sub !== '' ? claims.sub : undefined;
    const userId = sub === undefined ? undefined : await userIdOf(s, applicationId, sub);
    const result = await withProgress('Vonage: asking Vonage about the token…', () => s.session.checkToken(s.session.baseUrl, token, userId));
    const who = `${sub ? `user "${sub}"` : 'an application token'} of "${s.tree.findApplication(applicationId)?.app.name ?? applicationId}"`;
    s.log.info(`Checked ${described} (${who}) with Vonage: ${result.accepted ? 'accepted' : `rejected, ${result.reason ?? ''}`} (${result.status}).`);
    if (!inv.scripted) {
      if (result.accepted) void inv.ui.info(`Vonage accepts ${described} (${who}): GET ${result.path} answered ${result.status}.`);
      else void inv.ui.warn(`Vonage rejected ${described} (${who}) with ${result.status}: ${result.reason ?? 'no reason given'}.`);
    }
    return { accepted: result.accepted, status: result.status, ...(result.reason !== undefined ? { reason: result.reason } : {}) };
  });
}

async function tokenToCheck(s: Services, arg: unknown, inv: Invocation): Promise<TokenToCheck> {
  if (arg instanceof UserNode) return freshTokenFor(s, arg);
  const args = argsOf(arg);
  const given = optString(args, 'token');
  if (given !== undefined) return { token: given.trim(), described: 'the token' };
  if (uriArg(args) || (!inv.scripted && hasTokenUnderCursor(s))) return { token: (await tokenTarget(s, arg)).token.text, described: 'the token' };
  if (inv.scripted) throw new VonageInputError('Give the token to check: { token } (or { uri, offset } of one in a file).', 'token');
  const typed = await inv.ui.input({
    title: 'Check Token with Vonage',
    prompt: 'Paste the JWT to check (it is sent only to Vonage, as the credential)',
    password: true,
    validate: (v) => (v.trim().split('.').length === 3 ? undefined : 'A JWT has three parts separated by dots.'),
  });
  return { token: typed.trim(), described: 'the token' };
}

function hasTokenUnderCursor(s: Services): boolean {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return false;
  return s.tokenLens.tokens.at(editor.document, editor.selection.active) !== undefined;
}

async function freshTokenFor(s: Services, node: UserNode): Promise<TokenToCheck> {
  const privateKey = await s.session.privateKey(s.session.baseUrl, node.applicationId, node.parent.app.name);
  const signer = await s.session.signer();
  const token = signer.signUserToken({ applicationId: node.applicationId, privateKey, sub: node.user.name, ttlSeconds: FRESH_TOKEN_TTL_SECONDS });
  return { token, described: 'a fresh token signed with the stored key' };
}

/** The token's application, when it is one of the active account's; else nothing is sent. */
async function knownApplication(s: Services, applicationId: unknown): Promise<string> {
  if (typeof applicationId !== 'string' || applicationId === '') {
    throw new VonageInputError('This token has no application_id claim, so it is not a Vonage token this VS Code can attribute; it was sent nowhere.', 'token');
  }
  const apps = await s.tree.applications();
  if (!apps.some((a) => a.applicationId === applicationId)) {
    throw new VonageInputError(`This token is for application ${applicationId}, which is not one of the active account's applications, so it was sent nowhere. Switch to the account that owns it (Vonage: Switch Account) and check again.`, 'token');
  }
  return applicationId;
}

/** The id of the token's user (`sub`), from the view when loaded, else asked of Vonage with the admin token. */
async function userIdOf(s: Services, applicationId: string, name: string): Promise<string> {
  const id = await userIdByName(s, applicationId, name);
  if (!id) throw new VonageInputError(`The token's user "${name}" does not exist in this application, so Vonage would refuse any login with it; it was sent nowhere. Create the user (Vonage: Create User) or check the token's sub.`, 'token');
  return id;
}
