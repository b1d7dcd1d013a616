import vscode = require('vscode');
import { scanWorkspace } from './workspaceScan';
import { registerCommand } from '../../ui/commandWrapper';
import { workspaceFoldersOrFail } from '../../ui/workspaceFolders';
import type { Services } from '../../services';

const SHOW_PROBLEMS = 'Show Problems';

/**
 * Vonage: Check Workspace for Secrets — no argument → `[{ uri, line, kind, tracked }]`: every private
 * key, API secret and Vonage JWT in a file git tracks or would commit (line 1-based), also shown in the
 * Problems view. Progress with Cancel; cancelling returns nothing.
 */
export function registerCheckWorkspaceSecrets(s: Services): void {
  registerCommand(s.context, 'vonage.checkWorkspaceSecrets', s, async (_arg, inv) => {
    workspaceFoldersOrFail('Check Workspace for Secrets');
    const found = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Vonage: checking the workspace for secrets git would publish', cancellable: true },
      (progress, token) => scanWorkspace(s.secrets, s.git, token, (done, total) => progress.report({ message: `${done} of ${total} files` })),
    );
    const files = new Set(found.map((f) => f.uri)).size;
    s.log.info(`Workspace check: ${found.length} secret(s) in ${files} file(s) that git tracks or would commit.`);
    if (!inv.scripted) {
      if (!found.length) void inv.ui.info('No private key, API secret or Vonage JWT in a file git would publish.');
      else {
        void inv.ui.warn(`${found.length} secret(s) in ${files} file(s) that git tracks or would commit: see the Problems view.`, SHOW_PROBLEMS).then(async (c) => {
          if (c === SHOW_PROBLEMS) await vscode.commands.executeCommand('workbench.actions.view.problems');
        }).then(undefined, (e: unknown) => s.log.error('Showing the Problems view failed', e));
      }
    }
    return found;
  }, { worksSignedOut: true });
}
