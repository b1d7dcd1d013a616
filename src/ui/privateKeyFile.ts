import { execFile } from 'child_process';
import * as fs from 'fs/promises';
import * as path from 'path';

export interface SavedKey {
  path: string;
  /** True when the file lies in a git work tree that does not ignore it. */
  inGitAndNotIgnored: boolean;
}

/**
 * Writes a private key with mode 0600 and checks git. The mode given to open() only applies to a
 * new file; an existing one (say 0644) keeps its mode, so it is truncated, fchmod'ed to 0600 and
 * only then written: the key is never readable by others, not even for a moment.
 */
export async function writePrivateKeyFile(file: string, pem: string): Promise<SavedKey> {
  const handle = await fs.open(file, 'w', 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(pem.endsWith('\n') ? pem : `${pem}\n`);
  } finally {
    await handle.close();
  }
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
