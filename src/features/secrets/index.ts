import vscode = require('vscode');
import type { Services } from '../../services';
import { registerCheckWorkspaceSecrets } from './checkWorkspaceSecrets';
import { registerIgnoreFileInGit } from './ignoreFileInGit';
import { registerIgnoreSecretsInFile } from './ignoreSecretsInFile';
import { registerMoveSecretToEnv } from './moveSecretToEnv';
import { SecretCodeActions } from './secretCodeActions';

/** Secrets-in-git warnings: the checker's diagnostics, their quick fixes, and the workspace check. */
export function registerSecretsFeature(s: Services): void {
  registerCheckWorkspaceSecrets(s);
  registerMoveSecretToEnv(s);
  registerIgnoreFileInGit(s);
  registerIgnoreSecretsInFile(s);
  s.context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new SecretCodeActions(s.secrets), SecretCodeActions.metadata),
  );
}
