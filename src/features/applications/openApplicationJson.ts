import vscode = require('vscode');
import { NotSignedInError } from '../../credentials/session';
import { registerCommand } from '../../ui/commandWrapper';
import { applicationUri } from './applicationFileSystem';
import { runWizard } from '../../ui/prompts';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { applicationIdOf, getApplication, pickApplication } from './applicationArgs';
import type { Services } from '../../services';

/**
 * Vonage: Edit Application as JSON — `{ applicationId }` → `{ uri }`. Opens the application as a JSON
 * document (vonage: scheme; keys never in it) checked against the Applications API's schema; saving PUTs it
 * with the account that opened it, even after Switch Account.
 */
export function registerOpenApplicationJson(s: Services): void {
  registerCommand(s.context, 'vonage.openApplicationJson', s, async (arg, inv) => {
    const baseUrl = s.session.baseUrl;
    let id = applicationIdOf(arg);
    await runWizard('Edit Application as JSON', [
      {
        skip: () => id !== undefined,
        run: async (info) => {
          id = (await pickApplication(s, inv, info, 'Which application?')).id;
        },
      },
    ]);
    if (!id) throw new VonageInputError('Say which application to open (applicationId).', 'applicationId');
    const account = await s.store.activeAccount(baseUrl); // the document keeps this account, whatever is active when it is saved
    if (!account) throw new NotSignedInError(baseUrl);
    const app = await getApplication(s, baseUrl, id);
    const uri = applicationUri(baseUrl, account.apiKey, app);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    return { uri: uri.toString() };
  });
}
