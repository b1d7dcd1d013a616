import * as vscode from 'vscode';

/** What activate() returns: how the integration tests reach the running extension. */
export interface VonageExtensionApi {
  /** The extension's own SecretStorage (test/integration/foundation.test.ts round-trips a value through it). */
  readonly secrets: vscode.SecretStorage;
}

/**
 * Activation registers and returns: no network, no secret reads, no heavy imports.
 * VS Code derives the activation events from the contributions in package.json.
 */
export function activate(context: vscode.ExtensionContext): VonageExtensionApi {
  const log = vscode.window.createOutputChannel('Vonage', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('vonage.showLog', () => log.show(true)),
  );
  return { secrets: context.secrets };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
