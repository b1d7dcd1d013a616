// A real git repository for the .env and secrets suites: `git init` in a folder of the test workspace,
// commits with a fixed identity (the test host's HOME has no git config), and clean-up.
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

/** The workspace folder the test host opened (a temp folder). */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('The test host opened no workspace folder.');
  return folder.uri.fsPath;
}

/** Runs git in `cwd` and returns its output; throws on a non-zero exit. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** git's exit code (e.g. check-ignore: 0 ignored, 1 not ignored). */
export function gitCode(cwd: string, ...args: string[]): number | null {
  return spawnSync('git', args, { cwd, stdio: 'ignore' }).status;
}

export function initRepo(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  git(dir, '-c', 'init.defaultBranch=main', 'init', '-q');
  git(dir, 'config', 'user.email', 'tests@example.com');
  git(dir, 'config', 'user.name', 'Tests');
  git(dir, 'config', 'commit.gpgsign', 'false');
}

/** Adds (even if ignored) and commits the files, relative to `dir`. */
export function commit(dir: string, ...files: string[]): void {
  git(dir, 'add', '-f', '--', ...files);
  git(dir, 'commit', '-q', '-m', `add ${files.join(' ')}`);
}

/** Removes everything in `dir` except what `keep` names (the workspace root is shared by all suites). */
export function emptyFolder(dir: string, keep: string[] = []): void {
  for (const name of fs.readdirSync(dir)) {
    if (!keep.includes(name)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}
