// The JWTs of a document, for the secrets check: the token scanner's pass (issue 7's findJwts).
import type * as vscode from 'vscode';
import type { JwtInText } from '../vonage/secrets/scanSecrets';

/** The JWTs in the document's text. */
export function jwtsInDocument(_doc: vscode.TextDocument, _text: string): JwtInText[] {
  return []; // PENDING-SCANNER: replaced by the token scanner when it reaches main
}

/** The JWTs in a text that is not open as a document (a workspace scan). */
export function jwtsInText(_text: string): JwtInText[] {
  return []; // PENDING-SCANNER: findJwts
}
