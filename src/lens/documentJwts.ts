// The JWTs of a text, for the secrets check: the token scanner's pass (src/vonage/tokens/scanner.ts).
// One place to plug in the token lens's per-document cache (keyed by document version) when it is
// there, so an open document is scanned for tokens once for both features.
import type * as vscode from 'vscode';
import { findJwts, type FoundJwt } from '../vonage/tokens/scanner';

/** The JWTs in an open document's text. */
export function jwtsInDocument(_doc: vscode.TextDocument, text: string): FoundJwt[] {
  return findJwts(text);
}

/** The JWTs in a text that is not open as a document (a workspace scan). */
export function jwtsInText(text: string): FoundJwt[] {
  return findJwts(text);
}
