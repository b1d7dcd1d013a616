import * as vscode from 'vscode';
import { registerCommands } from './features';
import type { Services } from './services';
import { CredentialStore } from './credentials/credentialStore';
import { JWT_SCHEME, JwtDocuments } from './features/tokens/lens/jwtDocuments';
import { TokenLens } from './features/tokens/lens/tokenLens';
import { VonageSession } from './credentials/session';
import { ApplicationsTree } from './tree/applicationsTree';
import { AccountStatus } from './features/account/accountStatus';
import { ApplicationFileSystem, SCHEME } from './features/applications/applicationFileSystem';
import { SIGNED_IN_CONTEXT, contextKeyValue, setContextKeyFrom } from './ui/contextKeys';
import { Log } from './ui/log';
import { VscodeUi, type Ui } from './ui/prompts';
import { GitState } from './workspace/gitState';
import { SecretsChecker } from './features/secrets/secretsChecker';
import { SecretCodeActions } from './features/secrets/secretCodeActions';

/** What activate() returns: how the integration tests reach the running extension. */
export interface VonageExtensionApi {
  /** The extension's own SecretStorage (test/integration/foundation.test.ts round-trips a value through it). */
  readonly secrets: vscode.SecretStorage;
  /** The Applications view's TreeDataProvider. */
  readonly tree: ApplicationsTree;
  /** The only reader/writer of secrets (key and secret per base URL, private keys per application). */
  readonly credentials: CredentialStore;
  /** Everything written to the "Vonage" log this session (already redacted), for the no-secrets check. */
  logText(): string;
  /** Swaps the prompts (tests queue answers); undefined restores the real ones. */
  setUi(ui: Ui | undefined): void;
  /** The value this extension last set for a `when`-clause context key (VS Code cannot read one back). */
  contextKey(key: string): unknown;
  /** The status-bar item and view description of the active account. */
  readonly accountStatus: AccountStatus;
  /** The vonage: file system behind Edit Application as JSON (its diagnostics). */
  readonly applicationFiles: ApplicationFileSystem;
  /** The token lens (hover, CodeLens, diagnostics, quick fixes on the JWTs of open documents). */
  readonly tokenLens: TokenLens;
  /** The secrets-in-git check (tests run it on a document and wait for its answer). */
  readonly secretsCheck: SecretsChecker;
}

/**
 * Activation registers and returns: no network, no secret reads, no heavy imports (the core,
 * with jsonwebtoken and node-fetch, loads on first use). VS Code derives the activation events
 * from the contributions in package.json.
 */
export function activate(context: vscode.ExtensionContext): VonageExtensionApi {
  const channel = vscode.window.createOutputChannel('Vonage', { log: true });
  const log = new Log(channel);
  const store = new CredentialStore(context.secrets, log);
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0.0.0';
  const session = new VonageSession(store, log, version);
  const tree = new ApplicationsTree(session, log);
  const view = vscode.window.createTreeView('vonage.applications', { treeDataProvider: tree, showCollapseAll: true });
  tree.view = view;
  const accountStatus = new AccountStatus(store, () => session.baseUrl, log);
  accountStatus.view = view;
  tree.onRootLoaded = () => accountStatus.update();
  accountStatus.fillSoon(); // the view may stay closed: the status bar still shows the account
  const realUi = new VscodeUi();
  let ui: Ui = realUi;
  /** Re-reads whether a key and secret are stored for the current base URL (another window may have changed it). */
  const updateSignedIn = () => {
    setContextKeyFrom(SIGNED_IN_CONTEXT, () => session.isSignedIn())
      .then(undefined, (e: unknown) => log.error('Updating the signed-in state failed', e));
    accountStatus.update();
  };

  context.subscriptions.push(
    log, store, tree, view, accountStatus,
    vscode.commands.registerCommand('vonage.showLog', () => log.show()),
    // Secrets changed (here, in another window, or by a command): re-render only what they touch.
    store.onDidChange((change) => {
      if (change.baseUrl !== session.baseUrl) return;
      if (change.kind === 'accountLabels') { // written first on every change, and once when 0.1.0's account is first read
        accountStatus.update();
        return;
      }
      if (change.kind === 'account') {
        updateSignedIn();
        tree.reload();
        return;
      }
      // Only an application the view shows has anything to re-render (not pending-* keys of a create in flight).
      if (!tree.findApplication(change.applicationId)) return;
      store.hasPrivateKey(change.baseUrl, change.applicationId).then((has) => tree.setHasKey(change.applicationId, has))
        .then(undefined, (e: unknown) => log.error(`Re-reading whether the private key of ${change.applicationId} is stored failed`, e));
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('vonage.apiBaseUrl')) {
        log.info(`API base URL is now ${session.baseUrl}.`);
        updateSignedIn();
        tree.reload();
      }
    }),
  );

  const applicationFiles = new ApplicationFileSystem(session, tree, log, () => ui);
  context.subscriptions.push(applicationFiles, vscode.workspace.registerFileSystemProvider(SCHEME, applicationFiles, { isCaseSensitive: true }));

  const tokenLens = new TokenLens(session, tree, log);
  const jwtDocuments = new JwtDocuments();
  context.subscriptions.push(tokenLens, vscode.workspace.registerTextDocumentContentProvider(JWT_SCHEME, jwtDocuments));

  // Secrets-in-git warnings: git answers (cached), the debounced checker, its quick fixes.
  const git = new GitState(log);
  const secretsChecker = new SecretsChecker(store, git, tokenLens.documents, log);
  context.subscriptions.push(git, secretsChecker,
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new SecretCodeActions(secretsChecker), SecretCodeActions.metadata));

  const services: Services = { context, session, store, tree, log, tokenLens, jwtDocuments, ui: () => ui, git, secrets: secretsChecker };
  registerCommands(services);

  return {
    secrets: context.secrets,
    tree,
    credentials: store,
    logText: () => log.text(),
    setUi: (next) => { ui = next ?? realUi; },
    contextKey: (key) => contextKeyValue(key),
    accountStatus,
    applicationFiles,
    tokenLens,
    secretsCheck: secretsChecker,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
