// Running the git command: bounded (a timeout per call, at most a few at once), with its answer as an
// exit code and text. A missing git is its own error, so the check can turn off and say why once.
import { execFile } from 'child_process';

export interface GitResult { readonly code: number; readonly stdout: string }

/** git is not installed (or not where `git.path` says). */
export class GitMissingError extends Error {
  constructor(readonly gitPath: string) {
    super(`git was not found (${gitPath})`);
    this.name = 'GitMissingError';
  }
}

const TIMEOUT_MS = 10_000;
const MAX_AT_ONCE = 4;
let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Runs `git <args>` in `cwd`, `input` on its stdin. Resolves with any exit code; rejects on a missing git or a timeout. */
export function runGit(gitPath: string, args: string[], cwd: string, input?: string): Promise<GitResult> {
  return slot(() => new Promise<GitResult>((resolve, reject) => {
    const child = execFile(gitPath, args, { cwd, timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', windowsHide: true }, (err, stdout) => {
      if (!err) return resolve({ code: 0, stdout });
      const e = err as NodeJS.ErrnoException & { code?: unknown; killed?: boolean };
      if (e.code === 'ENOENT') return reject(new GitMissingError(gitPath));
      if (e.killed) return reject(new Error(`git ${args[0]} took longer than ${TIMEOUT_MS / 1000} s`));
      if (typeof e.code === 'number') return resolve({ code: e.code, stdout });
      reject(new Error(`git ${args[0]} failed: ${err.message}`));
    });
    child.stdin?.on('error', () => undefined); // git may exit before reading everything
    child.stdin?.end(input ?? '');
  }));
}
