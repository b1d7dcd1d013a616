import * as os from 'os';
import * as path from 'path';
import vscode = require('vscode');
import type { Invocation } from '../../ui/commandWrapper';
import { writePrivateKeyFile } from './privateKeyFile';
import { addToGitignore } from '../../workspace/gitignore';
import { gitWouldPublish, type GitVerdict } from '../../workspace/gitState';
import type { Services } from '../../services';
import { slashRelative } from '../../workspace/slashPath';

const ADD_TO_GITIGNORE = 'Add to .gitignore';

export interface SavedKey {
  path: string;
  /** True when a commit could carry the file: in a git repository that tracks it or does not ignore it. */
  inGitAndNotIgnored: boolean;
}

/** Asks where to save, in the first workspace folder by default. */
async function askWhere(inv: Invocation): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.homedir();
  const uri = await inv.ui.saveFile({
    defaultUri: vscode.Uri.file(path.join(folder, 'private.key')),
    filters: { 'Private key': ['key', 'pem'] },
    saveLabel: 'Save Private Key',
    title: 'Save the application\'s private key',
  });
  return uri?.fsPath;
}

/** Tells the person that git would publish the key, with the fix: a .gitignore line, or `git rm --cached` when git already tracks it. */
function warnAboutGit(s: Services, inv: Invocation, file: string, v: GitVerdict & { repository: { root: string; name: string } }): void {
  const rel = slashRelative(v.repository.root, file);
  s.log.warn(`${file} is in git repository "${v.repository.name}" and ${v.tracked ? 'tracked' : 'not ignored'}.`);
  if (v.tracked) {
    void inv.ui.warn(`git already tracks ${rel} in repository "${v.repository.name}": the next push publishes the private key. Run: git rm --cached ${rel}, add it to .gitignore and commit.`);
    return;
  }
  void inv.ui.warn(`${rel} is in git repository "${v.repository.name}", which does not ignore it: a commit would publish the private key. Add it to .gitignore.`, ADD_TO_GITIGNORE)
    .then(async (choice) => {
      if (choice !== ADD_TO_GITIGNORE) return;
      const update = await addToGitignore(v.repository.root, [file]);
      s.log.info(`Added ${update.added.join(', ') || 'nothing (already there)'} to ${update.file}.`);
    }).then(undefined, (e: unknown) => s.log.error('Adding to .gitignore failed', e));
}

/**
 * Saves an application's private key to a file (by default `private.key` in the first workspace
 * folder, asked), atomically and mode 0600; says when git would publish it (a repository that tracks
 * it or does not ignore it) and offers the line for the repository's .gitignore.
 */
export async function savePrivateKey(s: Services, inv: Invocation, pem: string, file?: string): Promise<SavedKey | undefined> {
  const target = file ?? await askWhere(inv);
  if (!target) return undefined;
  await writePrivateKeyFile(target, pem);
  s.log.info(`Private key written to ${target} (mode 0600).`);
  const verdict = await s.git.verdict(target, { fresh: true });
  const published = gitWouldPublish(verdict);
  if (published && !inv.scripted) warnAboutGit(s, inv, target, verdict);
  return { path: target, inGitAndNotIgnored: published };
}
