import * as path from 'path';
import vscode = require('vscode');
import { registerCommand, type Invocation } from '../../ui/commandWrapper';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { addToGitignore, type GitignoreUpdate } from '../../workspace/gitignore';
import { realPathOfPossiblyMissing } from '../../workspace/insideFolder';
import { argsOf, optString } from '../../ui/args';
import type { Services } from '../../services';
import { slashRelative } from '../../workspace/slashPath';

/**
 * Add this file to .gitignore (a quick fix of a secrets-in-git warning) — `{ uri }` →
 * `{ gitignore, added, ignored, tracked }`. Appends the file's exact path to its repository's
 * .gitignore unless git's rules already ignore it, then asks git again (`ignored`: whether they do
 * now). A tracked file gets its line too — after `git rm --cached` only the line keeps `git add -A`
 * from committing it again — and the message says to untrack it.
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
    const real = await realPathOfPossiblyMissing(file);
    const rel = slashRelative(v.repository.root, real);
    const update: GitignoreUpdate = v.ignoredByRules ? { file: path.join(v.repository.root, '.gitignore'), added: [] } : await addToGitignore(v.repository.root, [real]);
    s.git.invalidate();
    const ignored = update.added.length ? (await s.git.verdict(file, { fresh: true }))?.ignoredByRules ?? false : v.ignoredByRules;
    tell(s, inv, { rel, repository: v.repository.name, update, ignored, tracked: v.tracked });
    return { gitignore: update.file, added: update.added, ignored, tracked: v.tracked };
  }, { worksSignedOut: true });
}

interface Outcome { rel: string; repository: string; update: GitignoreUpdate; ignored: boolean; tracked: boolean }

/** The log line, and (run by hand) the message: what was added, and what is still to do. */
function tell(s: Services, inv: Invocation, o: Outcome): void {
  const added = o.update.added.length ? `Added ${o.update.added.join(', ')} to the .gitignore of repository "${o.repository}".`
    : !o.ignored ? `The .gitignore of repository "${o.repository}" already has the line for ${o.rel}.`
      : o.tracked ? `A rule of repository "${o.repository}" already covers ${o.rel}.` : `git already ignores ${o.rel}.`;
  const still = o.ignored ? '' : ` git still does not ignore ${o.rel}: a rule elsewhere (a "!" line in a nested .gitignore or in .git/info/exclude) re-includes it. See which with: git check-ignore -v --no-index ${o.rel}`;
  const untrack = o.tracked ? ` git tracks ${o.rel}, and ignoring does not untrack: run git rm --cached ${o.rel} and commit.` : '';
  const text = `${added}${still}${untrack}`;
  if (still || untrack) s.log.warn(text); else s.log.info(text);
  if (inv.scripted) return;
  void (still || untrack ? inv.ui.warn(text) : inv.ui.info(text));
}
