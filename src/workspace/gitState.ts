// "Would git publish this file?": which repository holds it, whether git ignores it, whether git tracks
// it. Two questions, because git never reports a tracked file as ignored. When VS Code's Git extension
// is there and enabled, its API says which repository holds a file, which git to run, and when
// repositories open or close; without it, `git rev-parse` finds the repository. The questions
// themselves go to `git check-ignore` and `git ls-files` (the API has no "tracked" call, and its
// checkIgnore is unreliable: see ignoredIn). Answers are cached per file and dropped when a .gitignore,
// an index, HEAD or info/exclude changes, or a repository opens or closes. Without git at all the check
// is off, and the log says why once.
import * as fs from 'fs/promises';
import * as path from 'path';
import vscode = require('vscode');
import type { Log } from '../ui/log';
import { GitMissingError, runGit } from './gitCli';
import { gitExtension, type GitApi } from './gitExtension';
import { realPathOfPossiblyMissing } from './insideFolder';
import { RepositoryWatch } from './repositoryWatch';

export interface GitVerdict {
  /** The repository holding the file; undefined: the file is in no repository. */
  readonly repository?: { readonly root: string; readonly name: string };
  readonly ignored: boolean;
  readonly tracked: boolean;
  /**
   * Whether a rule (.gitignore, info/exclude, core.excludesFile) matches the file, index aside
   * (`git check-ignore --no-index`): for a tracked file, whether git ignores it once untracked.
   */
  readonly ignoredByRules: boolean;
  /** Where the answer came from. */
  readonly via: 'gitExtension' | 'gitCommand';
}

/** True when a commit could carry the file: in a repository, and tracked or not ignored. */
export function gitWouldPublish(v: GitVerdict | undefined): v is GitVerdict & { repository: { root: string; name: string } } {
  return v?.repository !== undefined && (v.tracked || !v.ignored);
}

type Backend = { via: 'gitExtension'; api: GitApi; gitPath: string } | { via: 'gitCommand'; gitPath: string; why: string };

const MAX_CACHED = 5000;
const LS_FILES_CHUNK = 200;

export class GitState implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<GitVerdict | undefined>>();
  private readonly roots = new Map<string, Promise<string | undefined | null>>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when cached answers were dropped (a .gitignore, an index, a repository changed). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private lastBackend?: string;
  private offLogged = false;
  private invalidateTimer?: NodeJS.Timeout;
  private watchingExtension = false;
  private readonly repositoryWatch = new RepositoryWatch((file) => this.invalidateSoon(file));

  constructor(private readonly log: Log) {
    for (const glob of ['**/.gitignore', '**/.git/index', '**/.git/info/exclude', '**/.git/HEAD']) {
      const w = vscode.workspace.createFileSystemWatcher(glob);
      const drop = (uri: vscode.Uri) => this.invalidateSoon(uri.fsPath);
      this.disposables.push(w, w.onDidCreate(drop), w.onDidChange(drop), w.onDidDelete(drop));
    }
  }

  dispose(): void {
    clearTimeout(this.invalidateTimer);
    this.repositoryWatch.dispose();
    for (const d of this.disposables) d.dispose();
  }

  /** Drops every cached answer now (after this extension changed a .gitignore, say). */
  invalidate(): void {
    this.cache.clear();
    this.roots.clear();
    this.changed.fire();
  }

  /** The verdict for one file (absolute path); undefined when git is not available at all. */
  async verdict(file: string, opts: { fresh?: boolean } = {}): Promise<GitVerdict | undefined> {
    return (await this.verdicts([file], opts))?.get(file);
  }

  /**
   * Verdicts for many files at once (a workspace scan): one git call per question per repository.
   * `fresh`: ask git again rather than trust the cache (a command about to write files: a repository
   * made a moment ago has no index or .gitignore yet to announce it).
   */
  async verdicts(files: readonly string[], opts: { fresh?: boolean } = {}): Promise<Map<string, GitVerdict> | undefined> {
    const backend = await this.backend();
    if (!backend) return undefined;
    if (opts.fresh) this.roots.clear();
    // The answers are held here, not read back from the cache: an invalidation meanwhile must not lose them.
    const answers = new Map<string, Promise<GitVerdict | undefined>>();
    for (const f of files) {
      const cached = opts.fresh ? undefined : this.cache.get(f);
      if (cached) answers.set(f, cached);
    }
    const missing = [...new Set(files.filter((f) => !answers.has(f)))];
    if (missing.length) {
      const batch = this.ask(backend, missing);
      if (this.cache.size + missing.length > MAX_CACHED) this.cache.clear();
      for (const f of missing) {
        const answer = batch.then((m) => m.get(f), () => undefined);
        this.cache.set(f, answer);
        answers.set(f, answer);
        void answer.then((v) => { if (!v && this.cache.get(f) === answer) this.cache.delete(f); }); // a failure is asked again next time
      }
      batch.catch((e: unknown) => this.log.error('Asking git whether files are ignored or tracked failed', e));
    }
    const out = new Map<string, GitVerdict>();
    for (const [f, answer] of answers) {
      const v = await answer;
      if (v) out.set(f, v);
    }
    return out;
  }

  private invalidateSoon(why: string): void {
    clearTimeout(this.invalidateTimer);
    this.invalidateTimer = setTimeout(() => {
      this.log.debug(`Git answers dropped: ${why} changed.`);
      this.invalidate();
    }, 150);
  }

  /** The Git extension when ready, else the git command; undefined (logged once) when neither works. */
  private async backend(): Promise<Backend | undefined> {
    const ext = await gitExtension().catch(() => ({ kind: 'absent' as const }));
    const configured = vscode.workspace.getConfiguration('git').get<unknown>('path');
    const gitPath = typeof configured === 'string' && configured ? configured : 'git';
    let backend: Backend;
    if (ext.kind === 'ready') {
      this.watchExtension(ext.api);
      backend = { via: 'gitExtension', api: ext.api, gitPath: ext.api.git.path || gitPath };
    } else {
      backend = { via: 'gitCommand', gitPath, why: ext.kind === 'disabled' ? 'VS Code\'s Git extension is disabled (git.enabled)' : 'VS Code\'s Git extension is not available' };
    }
    if (!await this.gitRuns(backend.gitPath)) return undefined;
    this.noteBackend(backend);
    return backend;
  }

  private gitVersionCheck?: { path: string; ok: Promise<boolean> };
  private gitRuns(gitPath: string): Promise<boolean> {
    if (this.gitVersionCheck?.path !== gitPath) {
      const ok = runGit(gitPath, ['--version'], process.cwd()).then((r) => r.code === 0, (e: unknown) => {
        if (!this.offLogged) {
          this.offLogged = true;
          this.log.warn(`Secrets-in-git warnings are off: ${e instanceof GitMissingError ? `git was not found (${gitPath}); install git or set git.path` : `git does not run (${e instanceof Error ? e.message : String(e)})`}.`);
        }
        return false;
      });
      this.gitVersionCheck = { path: gitPath, ok };
    }
    return this.gitVersionCheck.ok;
  }

  private noteBackend(b: Backend): void {
    const text = b.via === 'gitExtension'
      ? `Secrets-in-git check: repositories come from VS Code's Git extension, answers from its git (${b.gitPath}: check-ignore, ls-files).`
      : `Secrets-in-git check: git answers come from the git command (${b.gitPath}): ${b.why}.`;
    if (text === this.lastBackend) return;
    this.lastBackend = text;
    this.log.info(text);
  }

  private watchExtension(api: GitApi): void {
    if (this.watchingExtension) return;
    this.watchingExtension = true;
    const drop = (r: { rootUri: vscode.Uri }) => this.invalidateSoon(`the repository list (${r.rootUri.fsPath})`);
    this.disposables.push(api.onDidOpenRepository(drop), api.onDidCloseRepository(drop));
  }

  /**
   * Groups the files by repository and asks each repository once per question. A file whose repository
   * cannot be told, or whose repository's git fails, gets no answer; the other files still get theirs.
   */
  private async ask(backend: Backend, files: string[]): Promise<Map<string, GitVerdict>> {
    const out = new Map<string, GitVerdict>();
    const byRoot = new Map<string, { file: string; real: string }[]>();
    for (const file of files) {
      const real = await realPathOfPossiblyMissing(file);
      const root = await this.rootOf(backend, real).catch((e: unknown) => {
        this.log.error(`Finding the git repository of ${file} failed`, e);
        return null;
      });
      if (root === null) continue; // no answer for this file only
      if (!root) { out.set(file, { ignored: false, tracked: false, ignoredByRules: false, via: backend.via }); continue; }
      this.repositoryWatch.add(root);
      byRoot.set(root, [...byRoot.get(root) ?? [], { file, real }]);
    }
    for (const [root, entries] of byRoot) {
      for (const [file, v] of await this.askRepositoryOrEach(backend, root, entries)) out.set(file, v);
    }
    return out;
  }

  /** One call per question for all the files; when git fails on the batch, each file alone, so one bad path costs only its own answer. */
  private async askRepositoryOrEach(backend: Backend, root: string, entries: { file: string; real: string }[]): Promise<Map<string, GitVerdict>> {
    try {
      return await this.askRepository(backend, root, entries);
    } catch (e) {
      if (entries.length === 1) {
        this.log.error(`Asking git whether ${entries[0].file} is ignored or tracked failed`, e);
        return new Map();
      }
      const out = new Map<string, GitVerdict>();
      for (const entry of entries) {
        for (const [file, v] of await this.askRepositoryOrEach(backend, root, [entry])) out.set(file, v);
      }
      return out;
    }
  }

  private async askRepository(backend: Backend, root: string, entries: { file: string; real: string }[]): Promise<Map<string, GitVerdict>> {
    const rel = entries.map((e) => relativeTo(root, e.real)!);
    const ignored = await this.ignoredIn(backend, root, rel);
    const tracked = await trackedIn(backend.gitPath, root, rel);
    const repository = { root, name: path.basename(root) };
    return new Map(entries.map((e, i) => {
      const isTracked = tracked.has(rel[i]);
      return [e.file, { repository, ignored: !isTracked && ignored.has(i), tracked: isTracked, ignoredByRules: ignored.has(i), via: backend.via }];
    }));
  }

  /**
   * The repository root (real path) holding `real` (a real path: a symbolic link into another repository
   * is that repository's file): the extension's repository, else `git rev-parse`. undefined: in no
   * repository; null: no root found holds it (not answered). Cached per folder.
   */
  private rootOf(backend: Backend, real: string): Promise<string | undefined | null> {
    const dir = path.dirname(real);
    const cached = this.roots.get(dir);
    if (cached) return cached;
    const root = this.findRoot(backend, dir, real);
    this.roots.set(dir, root);
    root.catch(() => { if (this.roots.get(dir) === root) this.roots.delete(dir); }); // a failure is asked again next time
    return root;
  }

  private async findRoot(backend: Backend, dir: string, real: string): Promise<string | undefined | null> {
    if (backend.via === 'gitExtension') {
      const repo = backend.api.getRepository(vscode.Uri.file(real));
      const root = repo && await realPathOfPossiblyMissing(repo.rootUri.fsPath);
      if (root && relativeTo(root, real) !== undefined) return root;
    }
    const r = await runGit(backend.gitPath, ['rev-parse', '--show-toplevel'], await existingAncestor(dir));
    if (r.code !== 0 || !r.stdout.trim()) return undefined;
    const root = await realPathOfPossiblyMissing(r.stdout.trim());
    return relativeTo(root, real) !== undefined ? root : null;
  }

  /**
   * Indexes (into `entries`) of the ignored files, from `git check-ignore` run with the extension's git.
   * Not the Git extension's Repository.checkIgnore: it resolves when its git exits, which can be before
   * the output is read (under load it then says "nothing ignored"), and it writes to a git that has
   * already exited when the repository has just gone (an uncaught EPIPE in the extension host).
   */
  private async ignoredIn(backend: Backend, root: string, rel: string[]): Promise<Set<number>> {
    // --no-index: the rules' answer even for a tracked file (whether it stays out once untracked).
    const r = await runGit(backend.gitPath, ['check-ignore', '--no-index', '-z', '--stdin'], root, rel.join('\0'));
    if (r.code !== 0 && r.code !== 1) throw new Error(`git check-ignore exited with ${r.code}`);
    const byGit = new Set(r.stdout.split('\0').filter(Boolean));
    return new Set(rel.map((p, i) => (byGit.has(p) ? i : -1)).filter((i) => i >= 0));
  }

}

/** The tracked ones among `rel` (paths from the root): `git ls-files`, the pathspecs taken literally. */
async function trackedIn(gitPath: string, root: string, rel: string[]): Promise<Set<string>> {
  const tracked = new Set<string>();
  for (let i = 0; i < rel.length; i += LS_FILES_CHUNK) {
    const chunk = rel.slice(i, i + LS_FILES_CHUNK);
    const r = await runGit(gitPath, ['--literal-pathspecs', 'ls-files', '-z', '--', ...chunk], root);
    if (r.code !== 0) throw new Error(`git ls-files exited with ${r.code}`);
    for (const p of r.stdout.split('\0')) if (p) tracked.add(p);
  }
  return tracked;
}

/** `file` relative to `root` with / separators; undefined when it is not inside `root`. */
function relativeTo(root: string, file: string): string | undefined {
  const rel = path.relative(root, file);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

async function existingAncestor(dir: string): Promise<string> {
  for (let d = dir; ; d = path.dirname(d)) {
    if (await fs.stat(d).then((s) => s.isDirectory(), () => false)) return d;
    if (path.dirname(d) === d) return d;
  }
}
