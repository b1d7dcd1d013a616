// Writing credentials into the project the safe way, shared by Add Credentials to .env, Generate User
// JWT (target 'env') and Move to .env: everything that can fail is checked before anything is written;
// then the key file, the .env, and the .gitignore lines that keep git from publishing them (a tracked
// file gets its line too: after `git rm --cached` only the line keeps it out of `git add -A`); and a
// warning when git already tracks one of them (ignoring does not untrack).
import vscode = require('vscode');
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { Invocation } from '../../ui/commandWrapper';
import type { EnvChange } from '../../vonage/dotenv/envEditor';
import { checkEnvWritable, writeEnvValues } from '../../workspace/envFile';
import type { GitVerdict } from '../../workspace/gitState';
import { addToGitignore } from '../../workspace/gitignore';
import type { PathInFolder } from '../../workspace/insideFolder';
import { saveKeyFile, type KeyFileState } from '../../workspace/keyFile';
import type { Services } from '../../services';
import { slashRelative } from '../../workspace/slashPath';

export interface ProjectFiles {
  readonly env: PathInFolder;
  readonly values: ReadonlyArray<readonly [string, string]>;
  readonly keyFile?: { readonly file: PathInFolder; readonly pem: string; readonly state: KeyFileState };
}

export interface ProjectFilesResult {
  readonly file: string;
  readonly written: string[];
  readonly privateKeyFile?: string;
  readonly gitignoreUpdated: boolean;
  /** Files among them that git tracks (absolute paths): .gitignore cannot help those. */
  readonly tracked: string[];
}

const ADD_TO_GITIGNORE = 'Add to .gitignore';
const DONT_ADD = 'Don\'t Add';

/**
 * Writes the files. `gitignore` (the argument of a scripted call): whether to add .gitignore lines,
 * default true; run by hand, the person is asked first (dismissing the question writes nothing).
 * `alwaysIgnore`: add them without asking (Move to .env: the point is to take the secret out of git).
 */
export async function writeProjectFiles(s: Services, inv: Invocation, p: ProjectFiles, gitignore: boolean | undefined, alwaysIgnore = false): Promise<ProjectFilesResult> {
  refuseUnsavedEditor(p.env);
  await checkEnvWritable(p.env, p.values); // read-only, unreadable line: fail before the key file is written
  const files = [p.env, ...(p.keyFile ? [p.keyFile.file] : [])];
  const verdicts = await s.git.verdicts(files.map((f) => f.path), { fresh: true });
  const exposed = files.filter((f) => needsIgnoreLine(verdicts?.get(f.path)));
  const addLines = exposed.length > 0 && (alwaysIgnore || await decideGitignore(inv, exposed, verdicts!, gitignore));

  if (p.keyFile) {
    const wrote = await saveKeyFile(p.keyFile.file, p.keyFile.pem, p.keyFile.state);
    s.log.info(wrote ? `Private key written to ${p.keyFile.file.path} (mode 0600).` : `${p.keyFile.file.path} already holds the application's private key (mode 0600).`);
  }
  const env = await writeEnvValues(p.env, p.values);
  logEnvChanges(s, p.env, env.changes, env.written);

  let gitignoreUpdated = false;
  if (addLines) gitignoreUpdated = await ignoreInRepositories(s, inv, exposed, verdicts!);
  const tracked = files.filter((f) => verdicts?.get(f.path)?.tracked).map((f) => f.path);
  if (tracked.length) warnTracked(s, inv, tracked, verdicts!.get(tracked[0])!);
  if (!addLines && exposed.length) s.log.warn(`Not ignored by git (no .gitignore line added): ${exposed.map((f) => f.relative).join(', ')}.`);
  return { file: p.env.path, written: env.changes.map((c) => c.key), privateKeyFile: p.keyFile?.file.path, gitignoreUpdated, tracked };
}

/** A .env open with unsaved changes: writing the file under it would set up a conflict on save. */
function refuseUnsavedEditor(env: PathInFolder): void {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && (d.uri.fsPath === env.path || d.uri.fsPath === env.target));
  if (open?.isDirty) throw new VonageInputError(`${env.relative} has unsaved changes in the editor, so it was left as it was. Save or revert them, then try again.`, 'file');
}

/**
 * In a repository whose rules do not ignore the file. Tracked or not: a tracked file is never "ignored",
 * but once the person runs `git rm --cached`, only a rule keeps `git add -A` from committing it again.
 */
function needsIgnoreLine(v: GitVerdict | undefined): boolean {
  return v?.repository !== undefined && !v.ignoredByRules;
}

async function decideGitignore(inv: Invocation, exposed: PathInFolder[], verdicts: Map<string, GitVerdict>, gitignore: boolean | undefined): Promise<boolean> {
  if (inv.scripted) return gitignore ?? true;
  const names = exposed.map((f) => f.relative).join(' and ');
  const anyTracked = exposed.some((f) => verdicts.get(f.path)!.tracked);
  const choice = await inv.ui.confirm(
    `Add ${names} to the .gitignore of repository "${verdicts.get(exposed[0].path)!.repository!.name}"?`,
    anyTracked
      ? 'Git does not ignore them, so a commit would publish the credentials; for a file git already tracks, the line keeps it out once you untrack it (git rm --cached). The lines name exactly these files.'
      : 'Git does not ignore them yet, so a commit would publish the credentials. The lines name exactly these files.',
    ADD_TO_GITIGNORE, DONT_ADD,
  );
  if (choice === undefined) throw new vscode.CancellationError();
  return choice === ADD_TO_GITIGNORE;
}

/** Adds the lines per repository, then asks git again: a rule elsewhere (a nested `!` line) may still win, and the person is told. */
async function ignoreInRepositories(s: Services, inv: Invocation, exposed: PathInFolder[], verdicts: Map<string, GitVerdict>): Promise<boolean> {
  const byRoot = new Map<string, string[]>();
  for (const f of exposed) {
    const root = verdicts.get(f.path)!.repository!.root;
    byRoot.set(root, [...byRoot.get(root) ?? [], f.target]);
  }
  let added = false;
  for (const [root, files] of byRoot) {
    const update = await addToGitignore(root, files);
    if (update.added.length) s.log.info(`Added ${update.added.join(', ')} to ${update.file}.`);
    added ||= update.added.length > 0;
  }
  s.git.invalidate();
  const again = await s.git.verdicts(exposed.map((f) => f.path), { fresh: true });
  const still = exposed.filter((f) => needsIgnoreLine(again?.get(f.path)));
  for (const root of new Set(still.map((f) => verdicts.get(f.path)!.repository!.root))) {
    const inRoot = still.filter((f) => verdicts.get(f.path)!.repository!.root === root);
    warnStillNotIgnored(s, inv, inRoot, verdicts.get(inRoot[0].path)!); // one message per repository
  }
  return added;
}

function warnStillNotIgnored(s: Services, inv: Invocation, still: PathInFolder[], v: GitVerdict): void {
  const rel = still.map((f) => slashRelative(v.repository!.root, f.target));
  const text = `git still does not ignore ${rel.join(' and ')} in repository "${v.repository!.name}" after the .gitignore lines were added: a rule elsewhere (a "!" line in a nested .gitignore or in .git/info/exclude) re-includes ${rel.length > 1 ? 'them' : 'it'}, so a commit would publish the credentials. See which with: git check-ignore -v --no-index ${rel.join(' ')}`;
  s.log.warn(text);
  if (!inv.scripted) void inv.ui.warn(text);
}

function warnTracked(s: Services, inv: Invocation, tracked: string[], v: GitVerdict): void {
  const rel = tracked.map((f) => slashRelative(v.repository!.root, f));
  const text = `git already tracks ${rel.join(' and ')} in repository "${v.repository!.name}": ignoring does not untrack, so the next commit still carries the credentials. Run: git rm --cached ${rel.join(' ')} and commit.`;
  s.log.warn(text);
  if (!inv.scripted) void inv.ui.warn(text);
}

function logEnvChanges(s: Services, env: PathInFolder, changes: readonly EnvChange[], written: boolean): void {
  const parts = changes.map((c) => `${c.key} (${c.action}, line ${c.line})`);
  s.log.info(`${written ? 'Wrote' : 'Already up to date:'} ${parts.join(', ')} in ${env.path}.`);
  for (const c of changes.filter((x) => x.duplicateLines.length)) {
    s.log.warn(`${c.key} occurs ${c.duplicateLines.length + 1} times in ${env.relative}: the last one (line ${c.line}) is the one dotenv reads and the one changed; line ${c.duplicateLines.join(', ')} left as it was.`);
  }
}
