import vscode = require('vscode');

export const JWT_SCHEME = 'vonage-jwt';
/** How many inspected tokens stay readable (older tabs show a note instead). */
const KEPT = 20;

/**
 * The read-only documents Inspect JWT opens: a TextDocumentContentProvider (its documents cannot be
 * edited or saved). Each gets its own URI; the content lives only in memory, never in a file.
 */
export class JwtDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();
  private count = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? '// This inspection is no longer kept. Run Vonage: Inspect JWT again.\n';
  }

  /** A new read-only document holding `content`, named after `title`. */
  add(title: string, content: string): vscode.Uri {
    this.count++;
    const safe = title.replace(/[\\/:*?"<>|#]+/g, ' ').trim() || 'JWT';
    const uri = vscode.Uri.from({ scheme: JWT_SCHEME, path: `/${safe} (${this.count}).jsonc` });
    this.contents.set(uri.path, content);
    if (this.contents.size > KEPT) this.contents.delete(this.contents.keys().next().value as string);
    return uri;
  }
}
