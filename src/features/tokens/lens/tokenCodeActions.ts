import vscode = require('vscode');
import { DIAGNOSTIC_SOURCE, TOKEN_DIAGNOSTIC } from './tokenDiagnostics';
import type { TokensInDocument } from './tokensInDocument';

const FIXABLE = new Set<string>([TOKEN_DIAGNOSTIC.expired, TOKEN_DIAGNOSTIC.expiringSoon, TOKEN_DIAGNOSTIC.invalid, TOKEN_DIAGNOSTIC.notYetValid]);

/** Quick fix on a token diagnostic: Regenerate it in place (one undoable edit). */
export class TokenCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly tokens: TokensInDocument) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string' && FIXABLE.has(d.code));
    const seen = new Set<number>();
    const actions: vscode.CodeAction[] = [];
    for (const d of ours) {
      const t = this.tokens.at(document, d.range.start);
      if (!t || seen.has(t.found.start)) continue;
      seen.add(t.found.start);
      const action = new vscode.CodeAction('Regenerate this Vonage token', vscode.CodeActionKind.QuickFix);
      action.diagnostics = ours.filter((o) => o.range.isEqual(d.range));
      action.isPreferred = true;
      action.command = {
        title: 'Regenerate this Vonage token',
        command: 'vonage.regenerateToken',
        arguments: [{ uri: document.uri.toString(), offset: t.found.start, interactive: true }],
      };
      actions.push(action);
    }
    return actions;
  }
}
