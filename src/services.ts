import type * as vscode from 'vscode';
import type { CredentialStore } from './credentials/credentialStore';
import type { JwtDocuments } from './features/tokens/lens/jwtDocuments';
import type { TokenLens } from './features/tokens/lens/tokenLens';
import type { VonageSession } from './credentials/session';
import type { ApplicationsTree } from './tree/applicationsTree';
import type { Log } from './ui/log';
import type { Ui } from './ui/prompts';
import type { GitState } from './workspace/gitState';
import type { SecretsChecker } from './features/secrets/secretsChecker';

/** What every command's register function gets: built once in activate(). */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly session: VonageSession;
  readonly store: CredentialStore;
  readonly tree: ApplicationsTree;
  readonly log: Log;
  /** The token lens: the JWTs of open documents and their verdicts. */
  readonly tokenLens: TokenLens;
  /** The read-only documents Inspect JWT opens. */
  readonly jwtDocuments: JwtDocuments;
  /** The prompts in use (tests may swap them for queued answers). */
  readonly ui: () => Ui;
  /** Whether git would publish a file (ignored? tracked?), cached. */
  readonly git: GitState;
  /** The secrets-in-git warnings (diagnostics) and what they found. */
  readonly secrets: SecretsChecker;
}
