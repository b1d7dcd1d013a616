import * as vscode from 'vscode';

/**
 * Activation registers and returns: no network, no secret reads, no heavy imports.
 * VS Code derives the activation events from the contributions in package.json.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Vonage', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('vonage.showLog', () => log.show(true)),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
