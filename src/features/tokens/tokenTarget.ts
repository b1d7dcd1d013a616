import vscode = require('vscode');
import type { TokenInDocument } from './lens/tokensInDocument';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { findJwts } from '../../vonage/tokens/scanner';
import { argsOf, type Args } from '../../ui/args';
import type { Services } from '../../services';

export interface TokenTarget { document: vscode.TextDocument; token: TokenInDocument }

/** The `uri` argument as a Uri (a string or a Uri), or undefined. */
export function uriArg(args: Args): vscode.Uri | undefined {
  const v = args.uri;
  if (v === undefined || v === null) return undefined;
  if (v instanceof vscode.Uri) return v;
  if (typeof v === 'string' && v.trim() !== '') return vscode.Uri.parse(v);
  throw new VonageInputError('The argument "uri" must be a file URI (a string or a Uri).', 'uri');
}

function offsetArg(args: Args, document: vscode.TextDocument): number | undefined {
  if (typeof args.offset === 'number') return args.offset;
  if (typeof args.line === 'number') return document.offsetAt(new vscode.Position(args.line, typeof args.character === 'number' ? args.character : 0));
  return undefined;
}

/**
 * The token at `offset` (its end included), or the first token of its line: found by scanning that
 * line only, so the commands work also where the lens is off (disabled, excluded, a large file).
 */
export function tokenOnLine(s: Services, document: vscode.TextDocument, offset: number, first: boolean): TokenInDocument | undefined {
  const line = document.lineAt(document.positionAt(offset).line);
  const lineStart = document.offsetAt(line.range.start);
  const found = findJwts(line.text).find((t) => first || (lineStart + t.start <= offset && offset <= lineStart + t.end));
  if (!found) return undefined;
  const text = line.text.slice(found.start, found.end);
  const range = new vscode.Range(document.positionAt(lineStart + found.start), document.positionAt(lineStart + found.end));
  return { ...s.tokenLens.judge.judge(text, found), found: { ...found, start: lineStart + found.start, end: lineStart + found.end }, range, text };
}

/**
 * The token a token command acts on: at `{uri, offset}` (or `{uri, line, character}`) — what the hover,
 * CodeLens and quick fix pass — else under the cursor of the active editor. A token on a line given
 * without a character is the first token of that line.
 */
export async function tokenTarget(s: Services, arg: unknown): Promise<TokenTarget> {
  const args = argsOf(arg);
  const uri = uriArg(args);
  const editor = vscode.window.activeTextEditor;
  const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
  if (!document) throw new VonageInputError('No editor is open. Open the file holding the token, put the cursor on it and run the command again.');
  const offset = uri ? offsetArg(args, document) : document.offsetAt(editor!.selection.active);
  if (offset === undefined) throw new VonageInputError('Say where the token is: {uri, offset} or {uri, line}.', 'offset');
  const firstOnLine = typeof args.line === 'number' && typeof args.character !== 'number';
  const token = tokenOnLine(s, document, offset, firstOnLine);
  if (!token) {
    throw new VonageInputError(`There is no JWT at ${vscode.workspace.asRelativePath(document.uri)}:${document.positionAt(offset).line + 1}. Put the cursor on a token and run the command again.`);
  }
  return { document, token };
}
