// The words of a secrets-in-git warning: what was found, why it matters here, what to do.
import type { SecretFinding, SecretKind } from './finding';

export interface GitContext {
  /** The repository's folder name. */
  readonly repository: string;
  /** True: git tracks the file. False: it is not tracked and not ignored, so `git add .` would commit it. */
  readonly tracked: boolean;
}

function what(f: SecretFinding): string {
  switch (f.detail) {
    case 'pem': return 'A private key';
    case 'pemEscaped': return 'A private key (in a string, with \\n line breaks)';
    case 'storedSecret': return 'The API secret of a Vonage account stored in this VS Code';
    case 'secretAssignment': return `A Vonage API secret (${f.name ?? 'api_secret'})`;
    case 'jwt': return 'A Vonage JWT';
  }
}

const AFTER_PUSH: Record<SecretKind, string> = {
  privateKey: 'if it was ever pushed, give the application a new key pair',
  apiSecret: 'if it was ever pushed, change the secret in the Vonage dashboard',
  jwt: 'a pushed token stays valid until it expires',
};

/** One warning: what, why (tracked / would be committed, in which repository), what to do. */
export function secretWarning(f: SecretFinding, git: GitContext): string {
  const why = git.tracked
    ? `is in a file that git tracks in repository "${git.repository}": the next push publishes it`
    : `is in a file that git would commit in repository "${git.repository}" (it is not ignored)`;
  const todo = git.tracked
    ? `Move it to .env (ignored by git); ${AFTER_PUSH[f.kind]}.`
    : 'Move it to .env, or add this file to .gitignore.';
  return `${what(f)} ${why}. ${todo}`;
}
