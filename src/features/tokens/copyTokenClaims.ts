import vscode = require('vscode');
import { registerCommand } from '../../ui/commandWrapper';
import type { Services } from '../../services';
import { tokenTarget } from './tokenTarget';

/** Vonage: Copy Token Claims — the token under the cursor or `{ uri, offset }` → its claims, copied as JSON. */
export function registerCopyTokenClaims(s: Services): void {
  registerCommand(s.context, 'vonage.copyTokenClaims', s, async (arg, inv) => {
    const { token } = await tokenTarget(s, arg);
    await vscode.env.clipboard.writeText(JSON.stringify(token.found.claims, null, 2));
    if (!inv.scripted) vscode.window.setStatusBarMessage('$(copy) Token claims copied as JSON', 3000);
    return token.found.claims;
  }, { worksSignedOut: true });
}
