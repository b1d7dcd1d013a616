import vscode = require('vscode');
import { contributedCommands, DeferredCommands } from './activation/deferredCommands';
import { DeferredTreeView } from './activation/deferredTreeView';
import { FeatureLoader } from './activation/featureLoader';
import type { AccountStatus } from './features/account/accountStatus';
import type { ApplicationFileSystem } from './features/applications/applicationFileSystem';
import type { ApplicationsTree } from './features/applications/applicationsTree';
import type { CallsFeature } from './features/calls/callsFeature';
import type { ConversationsFeature } from './features/conversations';
import type { NumbersFeature } from './features/numbers/numbersFeature';
import type { SecretsChecker } from './features/secrets/secretsChecker';
import type { TokenLens } from './features/tokens/lens/tokenLens';
import type { WebhooksFeature } from './features/webhooks/webhooksFeature';
import type { ApplicationUsers } from './features/users/applicationUsers';
import type { CredentialStore } from './credentials/credentialStore';
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
  /** The calls under each application, and the NCCO files (the application each is for, its user warnings). */
  readonly calls: CallsFeature;
  /** The webhook server, the applications routed to it, the Webhooks view and its callbacks. */
  readonly webhooks: WebhooksFeature;
  /** Milliseconds from the bundle's first statement to the end of activate() (also logged once, at info). */
  readonly activationMs: number;
  /** The part of activationMs that is this extension's own work: evaluating the bundle, and activate() itself. */
  readonly activationOwnMs: number;
  /** Whether the features (dist/main.js) have loaded: activation alone does not load them. */
  readonly featuresLoaded: boolean;
  /** How long loading the features took (logged at info too), once they have loaded. */
  readonly featuresLoadMs: number | undefined;
  /** The secrets-in-git check (tests run it on a document and wait for its answer). */
  readonly secretsCheck: SecretsChecker;
}

/**
 * Activation registers stand-ins and returns: the log channel, the two views, and a stand-in for every
 * contributed command. The features (dist/main.js, with the core, jsonwebtoken, node-fetch and git) load
 * just after, on the next turn of the event loop (the status bar, the token lens and the secrets warnings
 * work in every window), or sooner on first need: a command run, a Vonage view shown, the test API read.
 * VS Code derives the activation events from the contributions in package.json.
 */
export function activate(context: vscode.ExtensionContext): VonageExtensionApi {
  const called = performance.now();
  const channel = vscode.window.createOutputChannel('Vonage', { log: true });
  const load = () => { loader.features(); };
  const standIns = new DeferredCommands(contributedCommands(context.extension.packageJSON), load);
  const applications = new DeferredTreeView('vonage.applications', { showCollapseAll: true }, load);
  const numbers = new DeferredTreeView('vonage.numbers', {}, load);
  const shell = { channel, applications, numbers, activationLine: '' };
  const loader = new FeatureLoader(context, shell, standIns);
  const soon = setTimeout(() => loadQuietly(loader), 0);
  context.subscriptions.push(channel, standIns, applications, numbers, { dispose: () => clearTimeout(soon) });
  const timing = activationTiming(called);
  shell.activationLine = timing.line; // read by the features' log when they load, after this
  channel.info(timing.line);
  return testApi(context, loader, timing);
}

/** Loading in the background: a failure is already in the log, and the next use shows it. */
function loadQuietly(loader: FeatureLoader): void {
  try {
    loader.features();
  } catch {
    // FeatureLoader logged it.
  }
}

interface ActivationTiming { readonly ms: number; readonly ownMs: number; readonly line: string }

/** From the bundle's first statement to now; `called`: when VS Code called activate(). */
function activationTiming(called: number): ActivationTiming {
  const end = performance.now();
  const loaded = moduleStart - bundleStart();
  const ms = end - bundleStart();
  const line = `Activated in ${ms.toFixed(1)} ms (the bundle loaded in ${loaded.toFixed(1)} ms, VS Code called activate() ${(called - moduleStart).toFixed(1)} ms later, which took ${(end - called).toFixed(1)} ms).`;
  return { ms, ownMs: loaded + (end - called), line };
}

/** The API the integration tests reach the extension through; reading a feature's part loads the features. */
function testApi(context: vscode.ExtensionContext, loader: FeatureLoader, timing: ActivationTiming): VonageExtensionApi {
  const s = () => loader.features().services;
  const handles = () => loader.features().handles;
  const keys = () => loader.features().contextKeys;
  return {
    activationMs: timing.ms,
    activationOwnMs: timing.ownMs,
    get featuresLoaded() { return loader.isLoaded; },
    get featuresLoadMs() { return loader.loadMs; },
    secrets: context.secrets,
    get numbers() { return handles().numbers; },
    get conversations() { return handles().conversations; },
    get calls() { return handles().calls; },
    get webhooks() { return handles().webhooks; },
    get tree() { return s().tree; },
    get users() { return s().users; },
    get credentials() { return s().store; },
    logText: () => s().log.text(),
    setUi: (next) => s().setUi(next),
    contextKey: (key) => keys().value(key),
    clearContextKey: (key) => keys().clear(key),
    get accountStatus() { return s().accountStatus; },
    get applicationFiles() { return s().applicationFiles; },
    get tokenLens() { return s().tokenLens; },
    get secretsCheck() { return s().secrets; },
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
