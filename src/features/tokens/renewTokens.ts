import vscode = require('vscode');
import type { JwtSigner } from '../../vonage';
import { tokenSettings } from './lens/tokenSettings';
import { isCancelled, registerCommand, type Invocation } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { dueTokens, renewDueTokens } from '../../vonage/tokens/renewMany';
import { findJwts } from '../../vonage/tokens/scanner';
import { fileText, isInEditor, isReadOnly, saveDocument, workspaceFiles } from '../../workspace/workspaceFiles';
import { argsOf, optBoolean, optString } from '../../ui/args';
import type { Services } from '../../services';

type Scope = 'file' | 'workspace';
export interface Skipped { uri: string; reason: string }
export interface RenewResult { replaced: number; skipped: Skipped[] }

/** What the renewal needs of the run: the keys it found (or did not) per application, and the signer. */
interface Renewer {
  baseUrl: string;
  signer: JwtSigner;
  keys: Map<string, string | undefined>;
  onlyExpired: boolean;
  now: number;
}

function readScope(args: Record<string, unknown>): Scope | undefined {
  const scope = optString(args, 'scope');
  if (scope === undefined || scope === 'file' || scope === 'workspace') return scope;
  throw new VonageInputError(`scope must be "file" or "workspace", not "${scope}".`, 'scope');
}

async function privateKeyOf(s: Services, r: Renewer, applicationId: string): Promise<string | undefined> {
  if (!r.keys.has(applicationId)) r.keys.set(applicationId, await s.store.getPrivateKey(r.baseUrl, applicationId));
  return r.keys.get(applicationId);
}

/** Adds the renewals of one document to `edit`; returns how many, and what it skipped and why. */
async function renewInDocument(s: Services, r: Renewer, document: vscode.TextDocument, edit: vscode.WorkspaceEdit, signal: AbortSignal): Promise<RenewResult> {
  const uri = document.uri.toString();
  const due = dueTokens(document.getText(), r.now, r.onlyExpired);
  if (due.length && await isReadOnly(document.uri)) return { replaced: 0, skipped: [{ uri, reason: 'read-only file' }] };
  const { replacements, skipped } = await renewDueTokens(due, {
    signal,
    privateKey: (applicationId) => privateKeyOf(s, r, applicationId),
    applicationName: (applicationId) => s.tree.findApplication(applicationId)?.app.name,
    sign: (plan, key) => r.signer.signRenewal(plan, key),
  });
  for (const x of replacements) edit.replace(document.uri, new vscode.Range(document.positionAt(x.start), document.positionAt(x.end)), x.token);
  return { replaced: replacements.length, skipped: skipped.map((reason) => ({ uri, reason })) };
}

/** The documents to look at: the active editor's, or every workspace file that may hold a token (opened in the background). */
async function documentsIn(scope: Scope, signal: AbortSignal, report: (m: string) => void): Promise<{ documents: vscode.TextDocument[]; skipped: Skipped[] }> {
  if (scope === 'file') {
    const document = vscode.window.activeTextEditor?.document;
    if (!document) throw new VonageInputError('No editor is open. Open the file whose tokens to renew, or renew across the workspace.');
    return { documents: [document], skipped: [] };
  }
  const settings = tokenSettings();
  const cancel = new vscode.CancellationTokenSource();
  signal.addEventListener('abort', () => cancel.cancel());
  const uris = await workspaceFiles(settings.exclude, cancel.token);
  const documents: vscode.TextDocument[] = [];
  const skipped: Skipped[] = [];
  for (const [i, uri] of uris.entries()) {
    if (signal.aborted) throw new vscode.CancellationError();
    if (i % 100 === 0) report(`${i} of ${uris.length} files`);
    const size = await vscode.workspace.fs.stat(uri).then((st) => st.size, () => 0);
    if (size > settings.maxCharacters) {
      skipped.push({ uri: uri.toString(), reason: 'larger than vonage.tokens.maxFileSizeMB' });
      continue;
    }
    const text = await fileText(uri);
    if (text !== undefined && findJwts(text).length) documents.push(await vscode.workspace.openTextDocument(uri));
  }
  return { documents, skipped };
}

/** Applies the one edit; files shown in an editor are left dirty (to review, or undo as usual), the others are saved. */
async function applyAndSave(edit: vscode.WorkspaceEdit): Promise<void> {
  const files = edit.entries().map(([uri]) => uri);
  const inEditors = new Set(files.filter(isInEditor).map((u) => u.toString()));
  if (!await vscode.workspace.applyEdit(edit)) {
    throw new VonageInputError('VS Code refused the edit (a file may be read-only or changed meanwhile), so no token was renewed. Check the files and try again.');
  }
  for (const uri of files) {
    if (inEditors.has(uri.toString())) continue;
    const document = await vscode.workspace.openTextDocument(uri); // the edited document, not shown
    if (!await saveDocument(document)) {
      throw new VonageInputError(`The new tokens are in ${vscode.workspace.asRelativePath(uri)} but it could not be saved. Save it (or undo) in its editor.`);
    }
  }
}

async function askScope(inv: Invocation): Promise<Scope> {
  let scope: Scope = 'file';
  await runWizard('Renew Expired Tokens', [
    {
      run: async (info) => {
        scope = await inv.ui.pick<Scope>([
          { label: '$(file) This file', description: vscode.window.activeTextEditor ? vscode.workspace.asRelativePath(vscode.window.activeTextEditor.document.uri) : 'no file is open', value: 'file' },
          { label: '$(folder) The whole workspace', description: 'node_modules, .git and excluded files are left alone', value: 'workspace' },
        ], { ...info, placeholder: 'Renew the expired Vonage tokens where?' });
      },
    },
  ]);
  return scope;
}

/**
 * Under a cancellable progress: finds the documents and adds their new tokens to `edit`. Cancel is
 * checked between files, before each token is signed and once more at the end; a cancelled run throws,
 * and its edit is never applied.
 */
function collectRenewals(s: Services, r: Renewer, scope: Scope, edit: vscode.WorkspaceEdit): Promise<RenewResult> {
  return withProgress(`Vonage: renewing ${r.onlyExpired ? 'expired ' : ''}tokens…`, async (signal, report) => {
    const { documents, skipped } = await documentsIn(scope, signal, report);
    const total: RenewResult = { replaced: 0, skipped };
    for (const document of documents) {
      if (signal.aborted) throw new vscode.CancellationError();
      const one = await renewInDocument(s, r, document, edit, signal);
      total.replaced += one.replaced;
      total.skipped.push(...one.skipped);
    }
    if (signal.aborted) throw new vscode.CancellationError(); // the last moment to stop: nothing is applied yet
    return total;
  });
}

/** A cancelled renew has applied nothing: said in the log, and to a person. */
function tellCancelled(s: Services, inv: Invocation): void {
  s.log.info('Renew Expired Tokens cancelled: no token was replaced.');
  if (!inv.scripted) void inv.ui.info('Renewing tokens cancelled: no token was replaced.');
}

async function tellPerson(s: Services, inv: Invocation, result: RenewResult): Promise<void> {
  const renewed = result.replaced ? `Renewed ${result.replaced} Vonage token${result.replaced === 1 ? '' : 's'}.` : 'No token needed renewing.';
  if (!result.skipped.length) { void inv.ui.info(renewed); return; }
  const choice = await inv.ui.warn(`${renewed} Skipped ${result.skipped.length}: ${result.skipped[0].reason}${result.skipped.length > 1 ? ', …' : ''}.`, 'Show Skipped');
  if (choice === 'Show Skipped') s.log.show();
}

/**
 * Vonage: Renew Expired Tokens — `{ scope: 'file' | 'workspace', onlyExpired? = true }` →
 * `{ replaced, skipped: [{uri, reason}] }`. Every Vonage token due (expired, or rejected for living over
 * Vonage's 24 hours; or all with onlyExpired: false) is replaced by a fresh one in one undoable
 * WorkspaceEdit; open files become dirty, the others are saved. Tokens whose private key this VS Code
 * does not hold, tokens that are not Vonage tokens and read-only files are skipped and listed. Cancel
 * (on the progress) stops it before anything is applied, and says so.
 */
export function registerRenewTokens(s: Services): void {
  registerCommand(s.context, 'vonage.renewTokens', s, async (arg, inv) => {
    const args = argsOf(arg);
    const onlyExpired = optBoolean(args, 'onlyExpired') ?? true;
    const scope = readScope(args) ?? (inv.scripted ? 'file' : await askScope(inv));
    const renewer: Renewer = { baseUrl: s.session.baseUrl, signer: await s.session.signer(), keys: new Map(), onlyExpired, now: Date.now() };
    const edit = new vscode.WorkspaceEdit();
    const result = await collectRenewals(s, renewer, scope, edit).catch((e: unknown) => {
      if (isCancelled(e)) tellCancelled(s, inv);
      throw e;
    });
    if (result.replaced) await applyAndSave(edit);
    s.log.info(`Renewed ${result.replaced} token(s) (${scope}${onlyExpired ? ', expired only' : ''}); skipped ${result.skipped.length}${result.skipped.map((k) => `\n  ${k.uri}: ${k.reason}`).join('')}`);
    if (!inv.scripted) await tellPerson(s, inv, result);
    return result;
  }, { worksSignedOut: true });
}
