import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Invocation } from '../ui/commandWrapper';
import { ignoreInGit, writePrivateKeyFile, type SavedKey } from '../ui/privateKeyFile';
import type { Services } from './services';

const ADD_TO_GITIGNORE = 'Add to .gitignore';

/**
 * Saves an application's private key to a file (default `private.key` in the first workspace
 * folder), mode 0600; warns when the folder is a git repository that does not ignore it.
 */
export async function savePrivateKey(s: Services, inv: Invocation, pem: string, file?: string): Promise<SavedKey | undefined> {
  let target = file;
  if (!target) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
    const uri = await inv.ui.saveFile({
      defaultUri: vscode.Uri.file(path.join(folder, 'private.key')),
      filters: { 'Private key': ['key', 'pem'] },
      saveLabel: 'Save Private Key',
      title: 'Save the application\'s private key',
    });
    if (!uri) return undefined;
    target = uri.fsPath;
  }
  const saved = await writePrivateKeyFile(target, pem);
  s.log.info(`Private key written to ${saved.path} (mode 0600).`);
  if (saved.inGitAndNotIgnored) {
    s.log.warn(`${saved.path} is inside a git repository and is not ignored.`);
    void inv.ui.warn(`${path.basename(saved.path)} is inside a git repository that does not ignore it: a commit would publish the private key. Add it to .gitignore.`, ADD_TO_GITIGNORE)
      .then(async (choice) => {
        if (choice === ADD_TO_GITIGNORE) s.log.info(`Added to ${await ignoreInGit(saved.path)}.`);
      }).then(undefined, (e: unknown) => s.log.error('Adding to .gitignore failed', e));
  }
  return saved;
}
