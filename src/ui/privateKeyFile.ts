import { execFile } from 'child_process';
import * as fs from 'fs/promises';
import * as path from 'path';

export interface SavedKey {
  path: string;
  /** True when the file lies in a git work tree that does not ignore it. */
  inGitAndNotIgnored: boolean;
}

/** Writes a private key with mode 0600 (also when the file already existed) and checks git. */
export async function writePrivateKeyFile(file: string, pem: string): Promise<SavedKey> {
  await fs.writeFile(file, pem.endsWith('\n') ? pem : `${pem}\n`, { mode: 0o600 });
  await fs.chmod(file, 0o600);
  return { path: file, inGitAndNotIgnored: await gitTracksPath(file) };
}

/** `git check-ignore`: 0 ignored, 1 not ignored (inside a work tree), 128 not a repository; no git → false. */
export function gitTracksPath(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('git', ['check-ignore', '-q', '--', path.basename(file)], { cwd: path.dirname(file), timeout: 5000 }, (err) => {
      if (!err) return resolve(false);
      resolve((err as { code?: unknown }).code === 1);
    });
  });
}

/** Appends the file's name to the .gitignore next to it. */
export async function ignoreInGit(file: string): Promise<string> {
  const gitignore = path.join(path.dirname(file), '.gitignore');
  let current = '';
  try { current = await fs.readFile(gitignore, 'utf8'); } catch { /* none yet */ }
  const line = `/${path.basename(file)}`;
  const prefix = current && !current.endsWith('\n') ? '\n' : '';
  await fs.appendFile(gitignore, `${prefix}${line}\n`);
  return gitignore;
}
