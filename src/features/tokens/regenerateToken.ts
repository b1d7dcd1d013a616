import vscode = require('vscode');
import { USED_TOKEN_LENS_CONTEXT, setContextKeyOnce } from '../../ui/contextKeys';
import { registerCommand } from '../../ui/commandWrapper';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { Services } from '../../services';
import { tokenTarget } from './tokenTarget';

export interface RegeneratedToken { uri: string; token: string; applicationId: string; sub?: string; ttlSeconds: number }

/**
 * Vonage: Regenerate Token — the token under the cursor, or `{ uri, offset }` (hover, CodeLens, quick
 * fix) → the new token. Signs a fresh token for the same application, `sub` and `acl` with the same
 * lifetime (capped at 24 hours) and replaces exactly the old one: one undoable edit, the text around it
 * untouched. Without the application's private key it is refused (with Import Private Key).
 */
export function registerRegenerateToken(s: Services): void {
  registerCommand(s.context, 'vonage.regenerateToken', s, async (arg, inv) => {
    const { document, token } = await tokenTarget(s, arg);
    if (!token.verdict.vonage) {
      throw new VonageInputError('This JWT is not a Vonage token (it has no application_id claim), so no application key can sign a new one. Only Vonage tokens can be regenerated.');
    }
    const baseUrl = s.session.baseUrl;
    const core = await s.session.core();
    const plan = core.renewalPlan(token.found.claims);
    const privateKey = await s.session.privateKey(baseUrl, plan.applicationId, token.applicationName);
    const fresh = (await s.session.signer()).signRenewal(plan, privateKey);
    if (document.getText(token.range) !== token.text) {
      throw new VonageInputError('The token changed while it was being regenerated. Run Regenerate again.');
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, token.range, fresh);
    if (!await vscode.workspace.applyEdit(edit)) {
      throw new VonageInputError(`VS Code refused to change ${vscode.workspace.asRelativePath(document.uri)} (is it read-only?). The token was not replaced.`);
    }
    const whose = typeof plan.kept.sub === 'string' ? `"${plan.kept.sub}"` : 'an admin token';
    s.log.info(`Regenerated a token for ${whose} of application ${plan.applicationId} in ${vscode.workspace.asRelativePath(document.uri)} (lives ${core.formatSeconds(plan.ttlSeconds)}).`);
    if (!inv.scripted) vscode.window.setStatusBarMessage(`$(refresh) Vonage token for ${whose} regenerated: valid ${core.formatSeconds(plan.ttlSeconds)}`, 5000);
    setContextKeyOnce(USED_TOKEN_LENS_CONTEXT); // completes the walkthrough's "Your token in your code"
    const result: RegeneratedToken = { uri: document.uri.toString(), token: fresh, applicationId: plan.applicationId, ttlSeconds: plan.ttlSeconds };
    if (typeof plan.kept.sub === 'string') result.sub = plan.kept.sub;
    return result;
  }, { worksSignedOut: true });
}
