import vscode = require('vscode');
import { tokenAt, type FoundJwt } from '../../../vonage/tokens/scanner'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { DocumentTokens } from './documentTokens';
import type { JudgedToken, TokenJudge } from './tokenJudge';
import { eligibility } from './tokenSettings';
import type { Log } from '../../../ui/log';

/** One token of a document with its place and its verdict. */
export interface TokenInDocument extends JudgedToken {
  found: FoundJwt;
  range: vscode.Range;
  text: string;
}

/**
 * What the hover, CodeLens, diagnostics and quick fixes all ask: the tokens of a document, judged.
 * Documents the settings leave out (disabled, excluded, over the size cap) have none; a document
 * skipped for its size is logged once.
 */
export class TokensInDocument {
  private readonly loggedTooLarge = new Set<string>();

  constructor(readonly tokens: DocumentTokens, readonly judge: TokenJudge, private readonly log: Log) {}

  /** The tokens of the document (only Vonage ones with `vonageOnly`). */
  list(document: vscode.TextDocument, opts: { vonageOnly?: boolean } = {}): TokenInDocument[] {
    if (!this.eligible(document)) return [];
    const out: TokenInDocument[] = [];
    for (const found of this.tokens.tokensOf(document)) {
      const token = this.judged(document, found);
      if (opts.vonageOnly && !token.verdict.vonage) continue;
      out.push(token);
    }
    return out;
  }

  /** The token at a position (a cursor right after its last character counts). */
  at(document: vscode.TextDocument, position: vscode.Position): TokenInDocument | undefined {
    if (!this.eligible(document)) return undefined;
    const offset = document.offsetAt(position);
    const found = tokenAt(this.tokens.tokensOf(document), offset);
    return found && this.judged(document, found);
  }

  /** A found token with its range, its text and the judge's verdict. */
  private judged(document: vscode.TextDocument, found: FoundJwt): TokenInDocument {
    const range = new vscode.Range(document.positionAt(found.start), document.positionAt(found.end));
    const text = document.getText(range);
    return { ...this.judge.judge(text, found), found, range, text };
  }

  private eligible(document: vscode.TextDocument): boolean {
    const why = eligibility(document);
    if (why === 'tooLarge' && !this.loggedTooLarge.has(document.uri.toString())) {
      this.loggedTooLarge.add(document.uri.toString());
      this.log.info(`Token lens: ${document.uri.fsPath || document.uri.toString()} is larger than vonage.tokens.maxFileSizeMB; its tokens are not checked.`);
    }
    return why === 'yes';
  }
}
