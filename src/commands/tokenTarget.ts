import * as vscode from 'vscode';
import type { TokenInDocument } from '../lens/tokensInDocument';
import { VonageInputError } from '../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { argsOf, type Args } from './args';
import type { Services } from './services';

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
  const onLine = typeof args.line === 'number' && typeof args.character !== 'number'
    ? s.tokenLens.tokens.list(document).find((t) => t.range.start.line === args.line)
    : undefined;
  const token = onLine ?? s.tokenLens.tokens.at(document, document.positionAt(offset));
  if (!token) {
    throw new VonageInputError(`There is no JWT at ${vscode.workspace.asRelativePath(document.uri)}:${document.positionAt(offset).line + 1}. Put the cursor on a token and run the command again.`);
  }
  return { document, token };
}
