import type * as vscode from 'vscode';
import type { Shell } from './activation/shell';
import { CredentialStore } from './credentials/credentialStore';
import { VonageSession } from './credentials/session';
import { AccountStatus } from './features/account/accountStatus';
import { ApplicationFileSystem } from './features/applications/applicationFileSystem';
import { ApplicationsTree } from './features/applications/applicationsTree';
import { SecretsChecker } from './features/secrets/secretsChecker';
import { JwtDocuments } from './features/tokens/lens/jwtDocuments';
import { TokenLens } from './features/tokens/lens/tokenLens';
import { ApplicationUsers } from './features/users/applicationUsers';
import type { TreeNode } from './tree/treeNode';
import { Log } from './ui/log';
import { VscodeUi, type Ui } from './ui/prompts';
import { GitState } from './workspace/gitState';

/**
 * The long-lived objects more than one feature (or the test API) needs, built once in activate().
 * Everything else belongs to its feature and is made in that feature's register function.
 */
export interface Services {
  readonly context: vscode.ExtensionContext;
  /** What activate() made before the features loaded: the log channel and the two views. */
  readonly shell: Shell;
  readonly log: Log;
  readonly store: CredentialStore;
  readonly session: VonageSession;
  /** The Applications view's provider, and the view itself. */
  readonly tree: ApplicationsTree;
  readonly view: vscode.TreeView<TreeNode>;
  /** The users under each application of the view. */
  readonly users: ApplicationUsers;
  /** The active account in the status bar and the view's description. */
  readonly accountStatus: AccountStatus;
  /** The vonage: file system behind Edit Application as JSON. */
  readonly applicationFiles: ApplicationFileSystem;
  /** The token lens: the JWTs of open documents and their verdicts. */
  readonly tokenLens: TokenLens;
  /** The read-only documents Inspect JWT opens. */
  readonly jwtDocuments: JwtDocuments;
  /** Whether git would publish a file (ignored? tracked?), cached. */
  readonly git: GitState;
  /** The secrets-in-git warnings (diagnostics) and what they found. */
  readonly secrets: SecretsChecker;
  /** The prompts in use (tests may swap them for queued answers). */
  readonly ui: () => Ui;
  /** Swaps the prompts; undefined restores the real ones. */
  setUi(ui: Ui | undefined): void;
}

/** Builds the services; each is disposed with the extension. Nothing here reads a secret or the network. */
export function createServices(context: vscode.ExtensionContext, shell: Shell): Services {
  const log = new Log(shell.channel, [`[info] ${shell.activationLine}`]);
  const store = new CredentialStore(context.secrets, log);
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0.0.0';
  const session = new VonageSession(store, log, version);
  const tree = new ApplicationsTree(session, log);
  const view = shell.applications.view;
  tree.view = view;
  shell.applications.provide(tree);
  const users = new ApplicationUsers(tree, session, log);
  const accountStatus = new AccountStatus(store, () => session.baseUrl, log);
  accountStatus.view = view;
  const realUi = new VscodeUi();
  let ui: Ui = realUi;
  const applicationFiles = new ApplicationFileSystem(session, tree, log, () => ui);
  const tokenLens = new TokenLens(session, tree, users, log);
  const git = new GitState(log);
  const secrets = new SecretsChecker(store, git, tokenLens.documents, log);
  const jwtDocuments = new JwtDocuments();
  context.subscriptions.push(log, store, tree, accountStatus, applicationFiles, tokenLens, git, secrets);
  return {
    context, shell, log, store, session, tree, view, users, accountStatus, applicationFiles, tokenLens, jwtDocuments, git, secrets,
    ui: () => ui,
    setUi: (next) => { ui = next ?? realUi; },
  };
}
