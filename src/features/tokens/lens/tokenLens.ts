import vscode = require('vscode');
import type { VonageSession } from '../../../credentials/session';
import type { ApplicationsTree } from '../../applications/applicationsTree';
import type { ApplicationUsers } from '../../users/applicationUsers';
import type { Log } from '../../../ui/log';
import { DocumentTokens } from './documentTokens';
import { TokenCodeActionProvider } from './tokenCodeActions';
import { TokenCodeLensProvider } from './tokenCodeLens';
import { TokenDiagnostics } from './tokenDiagnostics';
import { TokenHoverProvider } from './tokenHover';
import { TokenJudge } from './tokenJudge';
import { TOKEN_DOCUMENTS, tokenSettings } from './tokenSettings';
import { TokensInDocument } from './tokensInDocument';

/** How often the relative times in visible CodeLens titles are refreshed. */
const LABEL_REFRESH_MS = 60_000;

/**
 * The token lens: every JWT in the open documents seen, judged and renewable where it sits. Built at
 * activation without reading a secret or touching the network: documents are scanned when VS Code
 * asks (hover, CodeLens) or a moment after activation (diagnostics), keys are looked up on first need.
 */
export class TokenLens implements vscode.Disposable {
  readonly documents = new DocumentTokens();
  readonly judge: TokenJudge;
  readonly tokens: TokensInDocument;
  readonly diagnostics: TokenDiagnostics;
  private readonly codeLens: TokenCodeLensProvider;
  private readonly subscriptions: vscode.Disposable[];

  constructor(session: VonageSession, tree: ApplicationsTree, users: ApplicationUsers, log: Log) {
    this.judge = new TokenJudge(session, tree, users, log);
    this.tokens = new TokensInDocument(this.documents, this.judge, log);
    this.diagnostics = new TokenDiagnostics(this.tokens);
    this.codeLens = new TokenCodeLensProvider(this.tokens);
    const refresh = () => { this.diagnostics.updateAll(); this.codeLens.refresh(); };
    this.diagnostics.onTimeChanged = () => this.codeLens.refresh();
    const firstLook = setTimeout(() => this.diagnostics.updateAll(), 0); // after activate() has returned
    const relabel = setInterval(() => this.relabelVisibleLenses(), LABEL_REFRESH_MS);
    relabel.unref(); // never what keeps a process alive (the plain-Node activation test ends)
    this.subscriptions = [
      this.documents, this.judge, this.diagnostics, this.codeLens,
      { dispose: () => { clearTimeout(firstLook); clearInterval(relabel); } },
      this.judge.onDidChange(refresh),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('vonage.tokens')) refresh(); }),
      vscode.languages.registerHoverProvider(TOKEN_DOCUMENTS, new TokenHoverProvider(this.tokens)),
      vscode.languages.registerCodeLensProvider(TOKEN_DOCUMENTS, this.codeLens),
      vscode.languages.registerCodeActionsProvider(TOKEN_DOCUMENTS, new TokenCodeActionProvider(this.tokens), { providedCodeActionKinds: TokenCodeActionProvider.kinds }),
    ];
  }

  dispose(): void { for (const s of this.subscriptions) s.dispose(); }

  /**
   * The CodeLens titles say "expires in 23 h": VS Code asks for them again on edits, not as time
   * passes. Once a minute, and only while an editor shows a Vonage token with its lens, they are
   * asked for again (the verdicts themselves are cached; the diagnostics have their own timer).
   */
  private relabelVisibleLenses(): void {
    if (!tokenSettings().codeLens) return;
    const showing = vscode.window.visibleTextEditors.some((e) => this.tokens.list(e.document, { vonageOnly: true }).length > 0);
    if (showing) this.codeLens.refresh();
  }
}
