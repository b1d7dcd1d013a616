import vscode = require('vscode');
import { mergeChanges } from '../../../vonage/tokens/changes'; // not the barrel: that loads node-fetch and jsonwebtoken
import { rescanAfterChange, type TextWindowSource } from '../../../vonage/tokens/rescan';
import { findJwts, type FoundJwt } from '../../../vonage/tokens/scanner';

interface Entry { version: number; tokens: FoundJwt[] }

/** The lines of a document, read without copying its whole text. */
function documentSource(document: vscode.TextDocument): TextWindowSource {
  const line = (offset: number) => document.lineAt(document.positionAt(offset).line).range;
  return {
    lineStart: (offset) => document.offsetAt(line(offset).start),
    lineEnd: (offset) => document.offsetAt(line(offset).end),
    slice: (start, end) => document.getText(new vscode.Range(document.positionAt(start), document.positionAt(end))),
  };
}

/**
 * The JWTs of each open document, kept per document version. A document is scanned whole the first
 * time something asks; after that an edit rescans only the lines it touched (the changes of one
 * event — multi-cursor typing, replace-all — folded into the one span they cover). Documents nobody
 * asked about cost nothing.
 * Shared by everything that looks at tokens in the editor: hover, CodeLens, diagnostics, quick fixes,
 * the secrets warnings.
 */
export class DocumentTokens implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.entries.delete(d.uri.toString())),
    ];
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.entries.clear();
  }

  /** The tokens of the document as it is now, in text order. */
  tokensOf(document: vscode.TextDocument): FoundJwt[] {
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    if (entry?.version === document.version) return entry.tokens;
    const tokens = findJwts(document.getText());
    this.entries.set(key, { version: document.version, tokens });
    return tokens;
  }

  private onChange(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const entry = this.entries.get(key);
    if (!entry || e.contentChanges.length === 0) return;
    const change = mergeChanges(e.contentChanges.map((c) => ({ offset: c.rangeOffset, removedLength: c.rangeLength, insertedLength: c.text.length })));
    if (!change || entry.version !== e.document.version - 1) {
      this.entries.delete(key);
      return;
    }
    const tokens = rescanAfterChange(entry.tokens, change, documentSource(e.document));
    this.entries.set(key, { version: e.document.version, tokens });
  }
}
