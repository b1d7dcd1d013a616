import vscode = require('vscode');
import type { JudgedToken } from './lens/tokenJudge';
import { localTime } from './lens/tokenText';
import { USED_TOKEN_LENS_CONTEXT, setContextKeyOnce } from '../../ui/contextKeys';
import { registerCommand, type Invocation } from '../../ui/commandWrapper';
import { findJwts } from '../../vonage/tokens/scanner';
import { verdictSummary } from '../../vonage/tokens/verdict';
import { argsOf, optString } from '../../ui/args';
import type { Services } from '../../services';
import { tokenOnLine, tokenTarget, uriArg } from './tokenTarget';

export interface Inspection {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  vonage: boolean;
  state?: string;
  signature: 'verified' | 'invalid' | 'unknown';
  problems: string[];
  applicationName?: string;
  userName?: string;
}

/** How long to wait for the clipboard: in a browser (code-server, vscode.dev) reading it may wait on a permission forever. */
const CLIPBOARD_WAIT_MS = 1000;

/** The clipboard's text, or '' when it cannot be read soon. */
function clipboardText(): Promise<string> {
  const read = Promise.resolve(vscode.env.clipboard.readText()).catch(() => '');
  return Promise.race([read, new Promise<string>((resolve) => setTimeout(() => resolve(''), CLIPBOARD_WAIT_MS))]);
}

/**
 * The text to inspect in the editor: the JWT inside the selection (a whole `VONAGE_JWT=eyJ…` line, say),
 * else the token the selection starts in (a double-click selects one segment), else the selected text
 * as it is (so a refusal names what is wrong with it). Without a selection, the token under the cursor.
 * Found by scanning the line, not asked of the lens: it works where the lens is off (disabled, an
 * excluded file, a file over the size cap).
 */
function tokenTextInEditor(s: Services, editor: vscode.TextEditor): string | undefined {
  const { document, selection } = editor;
  const atStart = () => tokenOnLine(s, document, document.offsetAt(selection.start), false)?.text;
  if (selection.isEmpty) return atStart();
  const selected = document.getText(selection);
  const inside = findJwts(selected)[0];
  return inside ? selected.slice(inside.start, inside.end) : atStart() ?? selected;
}

/** The text to inspect when a person runs the command: the selection, the token under the cursor, a JWT on the clipboard, or typed. */
async function tokenTextFromPerson(s: Services, inv: Invocation): Promise<string> {
  const editor = vscode.window.activeTextEditor;
  const inEditor = editor && tokenTextInEditor(s, editor);
  if (inEditor) return inEditor;
  const clipboard = await clipboardText();
  const onClipboard = findJwts(clipboard)[0];
  if (onClipboard) return clipboard.slice(onClipboard.start, onClipboard.end);
  return inv.ui.input({ title: 'Inspect JWT', prompt: 'Paste a JWT (a leading "Bearer " is fine)', placeholder: 'eyJhbGciOiJSUzI1NiIs…' });
}

function inspection(decoded: { header: Record<string, unknown>; claims: Record<string, unknown> }, judged: JudgedToken): Inspection {
  const v = judged.verdict;
  const out: Inspection = { header: decoded.header, claims: decoded.claims, vonage: v.vonage, signature: v.signature, problems: v.problems.map((p) => p.message) };
  if (v.state) out.state = v.state;
  if (judged.applicationName) out.applicationName = judged.applicationName;
  const sub = decoded.claims.sub;
  const userName = judged.userDisplayName ?? (typeof sub === 'string' ? sub : undefined);
  if (userName) out.userName = userName;
  return out;
}

/** The read-only document: the verdict as comments, then header, claims and times as JSON. */
function inspectionText(result: Inspection, judged: JudgedToken): string {
  const v = judged.verdict;
  const times: Record<string, string> = {};
  if (v.issuedAtMs !== undefined) times.issued = localTime(v.issuedAtMs);
  if (v.notBeforeMs !== undefined && v.notBeforeMs !== v.issuedAtMs) times.notBefore = localTime(v.notBeforeMs);
  if (v.expiresAtMs !== undefined) times.expires = localTime(v.expiresAtMs) + (v.defaultExpiry ? ' (no exp: Vonage allows 15 minutes)' : '');
  const lines = [
    `// ${v.vonage ? 'Vonage token' : 'JWT'}${result.applicationName ? ` of ${result.applicationName}` : ''}${result.userName ? ` for ${result.userName}` : ''}`,
    `// ${verdictSummary(v, Date.now())}`,
    ...v.problems.slice(1).map((p) => `// ${p.message}`),
    ...(v.vonage ? [`// ${judged.signatureNote}`] : []),
    JSON.stringify({ header: result.header, claims: result.claims, times, verdict: { state: result.state ?? 'not a Vonage token', signature: result.signature, problems: result.problems } }, null, 2),
    '',
  ];
  return lines.join('\n');
}

/**
 * Vonage: Inspect JWT — `{ token }` (a leading "Bearer " is fine) or `{ uri, offset }` → header, claims
 * and verdict. By hand it takes the selection, the token under the cursor, a JWT on the clipboard, or
 * asks, and opens a read-only document with the decoded token. Text that is not a JWT is refused with
 * the part that does not decode.
 */
export function registerInspectJwt(s: Services): void {
  registerCommand(s.context, 'vonage.inspectJwt', s, async (arg, inv) => {
    const args = argsOf(arg);
    const text = uriArg(args) ? (await tokenTarget(s, arg)).token.text : optString(args, 'token') ?? await tokenTextFromPerson(s, inv);
    const core = await s.session.core();
    const cleaned = text.trim().replace(/^Bearer\s+/i, '').replace(/^["'`]|["'`;,]+$/g, '');
    const decoded = core.decodeToken(cleaned);
    const judged = await s.tokenLens.judge.judgeNow(cleaned, decoded);
    const result = inspection(decoded, judged);
    if (!inv.scripted) {
      const uri = s.jwtDocuments.add(`${result.userName ?? 'JWT'}${result.applicationName ? ` · ${result.applicationName}` : ''}`, inspectionText(result, judged));
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(document, 'jsonc');
      await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
    }
    setContextKeyOnce(USED_TOKEN_LENS_CONTEXT); // completes the walkthrough's "Your token in your code"
    return result;
  }, { worksSignedOut: true });
}
