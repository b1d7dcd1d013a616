import vscode = require('vscode');

/**
 * Every command the manifest contributes, registered at activation as a stand-in: the first one run
 * loads the features (which register the real commands in their place) and runs again, with the same
 * arguments, as the real command.
 */
export class DeferredCommands implements vscode.Disposable {
  private readonly standIns: vscode.Disposable[];

  constructor(commandIds: readonly string[], load: () => void) {
    this.standIns = commandIds.map((id) => vscode.commands.registerCommand(id, (...args: unknown[]) => {
      load();
      return vscode.commands.executeCommand(id, ...args);
    }));
  }

  /** Called by the loader before the features register theirs (one id cannot be registered twice). */
  dispose(): void {
    for (const d of this.standIns.splice(0)) d.dispose();
  }
}

/** The ids of the commands in package.json's contributes.commands. */
export function contributedCommands(packageJson: unknown): string[] {
  const commands = (packageJson as { contributes?: { commands?: { command?: unknown }[] } }).contributes?.commands ?? [];
  return commands.map((c) => c.command).filter((id): id is string => typeof id === 'string');
}
