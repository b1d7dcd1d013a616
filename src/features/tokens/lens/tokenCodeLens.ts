import vscode = require('vscode');
import { verdictSummary } from '../../../vonage/tokens/verdict'; // not the barrel: that loads node-fetch and jsonwebtoken
import { lensTitle } from './tokenText';
import type { TokensInDocument } from './tokensInDocument';
import { tokenSettings } from './tokenSettings';

/**
 * Above each Vonage token: "alice · My Vonage App · expires in 23 h" (opens the hover's Inspect) and
 * Regenerate. Off with `vonage.tokens.codeLens`. Titles are refreshed when a verdict can have changed:
 * a key arrived, a setting changed, or the lens's timer reached a token's next change.
 */
export class TokenCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(private readonly tokens: TokensInDocument, private readonly now: () => number = Date.now) {}

  dispose(): void { this.emitter.dispose(); }

  /** Asks VS Code for fresh lenses. */
  refresh(): void { this.emitter.fire(); }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!tokenSettings().codeLens) return [];
    const now = this.now();
    return this.tokens.list(document, { vonageOnly: true }).flatMap((t) => {
      const where = { uri: document.uri.toString(), offset: t.found.start, interactive: true };
      return [
        new vscode.CodeLens(t.range, { title: lensTitle(t, now), tooltip: verdictSummary(t.verdict, now), command: 'vonage.inspectJwt', arguments: [where] }),
        new vscode.CodeLens(t.range, { title: '$(refresh) Regenerate', tooltip: 'Replace this token with a fresh one: same application, user, ACL and lifetime', command: 'vonage.regenerateToken', arguments: [where] }),
      ];
    });
  }
}
