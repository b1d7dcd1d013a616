import * as path from 'path';
import * as vscode from 'vscode';
import { registerCommand } from '../ui/commandWrapper';
import { VonageInputError } from '../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { addToGitignore } from '../workspace/gitignore';
import { realPathOfPossiblyMissing } from '../workspace/insideFolder';
import { argsOf, optString } from './args';
import type { Services } from './services';

/**
 * Add this file to .gitignore (a quick fix of a secrets-in-git warning) — `{ uri }` → `{ gitignore, added }`.
 * Appends the file's exact path to its repository's .gitignore. A tracked file is refused: ignoring
 * does not untrack it (the message says `git rm --cached`).
 */
export function registerIgnoreFileInGit(s: Services): void {
  registerCommand(s.context, 'vonage.ignoreFileInGit', s, async (arg, inv) => {
    const uri = optString(argsOf(arg), 'uri') ?? vscode.window.activeTextEditor?.document.uri.toString();
    if (!uri) throw new VonageInputError('Say which file to add to .gitignore ({ uri }), or open it in the editor.', 'uri');
    const file = vscode.Uri.parse(uri).fsPath;
    const name = path.basename(file);
    const v = await s.git.verdict(file, { fresh: true });
    if (!v) throw new VonageInputError(`git is not available, so ${name} could not be added to .gitignore (details in the Vonage log).`, 'uri');
    if (!v.repository) throw new VonageInputError(`${name} is not in a git repository: git cannot publish it, so there is nothing to ignore.`, 'uri');
    const rel = path.relative(v.repository.root, await realPathOfPossiblyMissing(file)).split(path.sep).join('/');
    if (v.tracked) throw new VonageInputError(`git already tracks ${rel} in repository "${v.repository.name}": a .gitignore line would not untrack it. Run: git rm --cached ${rel} and commit.`, 'uri');
    const update = v.ignored ? { file: path.join(v.repository.root, '.gitignore'), added: [] } : await addToGitignore(v.repository.root, [await realPathOfPossiblyMissing(file)]);
    s.git.invalidate();
    s.log.info(update.added.length ? `Added ${update.added.join(', ')} to ${update.file}.` : `${rel} was already ignored by git.`);
    if (!inv.scripted) void inv.ui.info(update.added.length ? `Added ${update.added.join(', ')} to the .gitignore of repository "${v.repository.name}".` : `git already ignores ${rel}.`);
    return { gitignore: update.file, added: update.added };
  });
}
