import type * as vscode from 'vscode';
import { registerFeatures } from './features';
import type { AccountStatus } from './features/account/accountStatus';
import type { ApplicationFileSystem } from './features/applications/applicationFileSystem';
import type { ApplicationsTree } from './features/applications/applicationsTree';
import type { ConversationsFeature } from './features/conversations';
import type { NumbersFeature } from './features/numbers/numbersFeature';
import type { SecretsChecker } from './features/secrets/secretsChecker';
import type { TokenLens } from './features/tokens/lens/tokenLens';
import type { ApplicationUsers } from './features/users/applicationUsers';
import type { CredentialStore } from './credentials/credentialStore';
import { createServices } from './services';
import { clearContextKey, contextKeyValue } from './ui/contextKeys';
import type { Ui } from './ui/prompts';

/** What activate() returns: how the integration tests reach the running extension. */
export interface VonageExtensionApi {
  /** The extension's own SecretStorage (test/integration/foundation.test.ts round-trips a value through it). */
  readonly secrets: vscode.SecretStorage;
  /** The Applications view's TreeDataProvider. */
  readonly tree: ApplicationsTree;
  /** The users under each application of the view. */
  readonly users: ApplicationUsers;
  /** The only reader/writer of secrets (key and secret per base URL, private keys per application). */
  readonly credentials: CredentialStore;
  /** Everything written to the "Vonage" log this session (already redacted), for the no-secrets check. */
  logText(): string;
  /** Swaps the prompts (tests queue answers); undefined restores the real ones. */
  setUi(ui: Ui | undefined): void;
  /** The value this extension last set for a `when`-clause context key (VS Code cannot read one back). */
  contextKey(key: string): unknown;
  /** Clears a context key (a test starts from "never set" whatever ran before it). */
  clearContextKey(key: string): Promise<void>;
  /** The status-bar item and view description of the active account. */
  readonly accountStatus: AccountStatus;
  /** The vonage: file system behind Edit Application as JSON (its diagnostics). */
  readonly applicationFiles: ApplicationFileSystem;
  /** The token lens (hover, CodeLens, diagnostics, quick fixes on the JWTs of open documents). */
  readonly tokenLens: TokenLens;
  /** The Numbers view, its tree and the balance display. */
  readonly numbers: NumbersFeature;
  /** The conversations under each application, and the events timelines. */
  readonly conversations: ConversationsFeature;
  /** Milliseconds from the bundle's first statement to the end of activate() (also logged once, at info). */
  readonly activationMs: number;
  /** The part of activationMs that is this extension's own work: evaluating the bundle, and activate() itself. */
  readonly activationOwnMs: number;
  /** The secrets-in-git check (tests run it on a document and wait for its answer). */
  readonly secretsCheck: SecretsChecker;
}

/**
 * Activation registers and returns: no network, no secret reads, no heavy imports (the core,
 * with jsonwebtoken and node-fetch, loads on first use). VS Code derives the activation events
 * from the contributions in package.json.
 */
export function activate(context: vscode.ExtensionContext): VonageExtensionApi {
  const called = performance.now();
  const s = createServices(context);
  const features = registerFeatures(s);
  const end = performance.now();
  const activationMs = end - bundleStart();
  const activationOwnMs = (moduleStart - bundleStart()) + (end - called);
  s.log.info(`Activated in ${activationMs.toFixed(1)} ms (the bundle loaded in ${(moduleStart - bundleStart()).toFixed(1)} ms, VS Code called activate() ${(called - moduleStart).toFixed(1)} ms later, which took ${(end - called).toFixed(1)} ms).`);
  return {
    activationMs,
    activationOwnMs,
    numbers: features.numbers,
    conversations: features.conversations,
    secrets: context.secrets,
    tree: s.tree,
    users: s.users,
    credentials: s.store,
    logText: () => s.log.text(),
    setUi: (next) => s.setUi(next),
    contextKey: (key) => contextKeyValue(key),
    clearContextKey: (key) => clearContextKey(key),
    accountStatus: s.accountStatus,
    applicationFiles: s.applicationFiles,
    tokenLens: s.tokenLens,
    secretsCheck: s.secrets,
  };
}

/** When the bundle began to load (esbuild.js's banner); unbundled (tests), when this module did. */
const moduleStart = performance.now();
function bundleStart(): number {
  const start = (globalThis as { __vonageBundleStart?: unknown }).__vonageBundleStart;
  return typeof start === 'number' ? start : moduleStart;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
