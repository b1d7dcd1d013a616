// The quick fixes of a secrets-in-git warning: Move to .env, Add this file to .gitignore (when git does
// not track it yet), Ignore here (the file goes into vonage.secrets.exclude). Each runs a command, so
// it can also be scripted.
import * as path from 'path';
import vscode = require('vscode');
import { DIAGNOSTIC_SOURCE, type SecretsChecker } from './secretsChecker';

const MOVE_TO_ENV = 'Move to .env';
export const ADD_TO_GITIGNORE = 'Add this file to .gitignore';
const IGNORE_HERE = 'Ignore here: leave this file out of the Vonage secrets check';

export class SecretCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly checker: SecretsChecker) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const published = this.checker.publishedAt(doc.uri, diagnostic.range);
      if (!published) continue;
      const uri = doc.uri.toString();
      if (!isFoldersEnv(doc.uri)) {
        const move = action(MOVE_TO_ENV, diagnostic, 'vonage.moveSecretToEnv', { uri, start: published.finding.start, end: published.finding.end });
        move.isPreferred = true;
        actions.push(move);
      }
      if (!published.verdict.tracked) actions.push(action(ADD_TO_GITIGNORE, diagnostic, 'vonage.ignoreFileInGit', { uri }));
      actions.push(action(IGNORE_HERE, diagnostic, 'vonage.ignoreSecretsInFile', { uri }));
    }
    return actions;
  }
}

/** The .env at the root of the file's workspace folder (where Move to .env would put the secret). */
export function isFoldersEnv(uri: vscode.Uri): boolean {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder !== undefined && uri.fsPath === path.join(folder.uri.fsPath, '.env');
}

function action(title: string, diagnostic: vscode.Diagnostic, command: string, args: Record<string, unknown>): vscode.CodeAction {
  const a = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  a.diagnostics = [diagnostic];
  a.command = { title, command, arguments: [{ ...args, interactive: true }] }; // run by a person: prompts and messages, not a script
  return a;
}
