import * as path from 'path';
import vscode = require('vscode');
import { globForPath } from './secretsSettings';
import { registerCommand } from '../../ui/commandWrapper';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { argsOf, optString } from '../../ui/args';
import type { Services } from '../../services';
import { slashRelative } from '../../workspace/slashPath';

/**
 * Ignore here (a quick fix of a secrets-in-git warning) — `{ uri }` → `{ setting, pattern }`. Adds the
 * file's path (relative to its workspace folder) to the folder's `vonage.secrets.exclude`; a file outside
 * any folder goes into the user setting by its absolute path.
 */
export function registerIgnoreSecretsInFile(s: Services): void {
  registerCommand(s.context, 'vonage.ignoreSecretsInFile', s, async (arg, inv) => {
    const text = optString(argsOf(arg), 'uri') ?? vscode.window.activeTextEditor?.document.uri.toString();
    if (!text) throw new VonageInputError('Say which file to leave out of the secrets check ({ uri }), or open it in the editor.', 'uri');
    const uri = vscode.Uri.parse(text);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const pattern = globForPath(folder ? slashRelative(folder.uri.fsPath, uri.fsPath) : uri.fsPath);
    const config = vscode.workspace.getConfiguration('vonage.secrets', uri);
    const inspected = config.inspect<string[]>('exclude');
    const current = (folder ? inspected?.workspaceFolderValue : inspected?.globalValue) ?? [];
    if (!current.includes(pattern)) {
      await config.update('exclude', [...current, pattern], folder ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global);
    }
    s.log.info(`Left ${uri.fsPath} out of the secrets check (vonage.secrets.exclude: ${pattern}).`);
    if (!inv.scripted) void inv.ui.info(`${path.basename(uri.fsPath)} is left out of the Vonage secrets check (setting vonage.secrets.exclude).`);
    return { setting: 'vonage.secrets.exclude', pattern };
  }, { worksSignedOut: true });
}
