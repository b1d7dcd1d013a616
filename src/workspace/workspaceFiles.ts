// The files a workspace-wide command looks at: what search would look at (search.exclude and
// files.exclude apply), never node_modules or .git, plus the command's own exclude globs.
import * as fs from 'fs/promises';
import vscode = require('vscode');
import { combinedExclude } from './excludeGlobs';

/** A bound on how many files one workspace command lists. */
const MAX_WORKSPACE_FILES = 100_000;

/** The workspace's files, excludes applied (findFiles alone would apply files.exclude only). */
export function workspaceFiles(extraExclude: readonly string[], token?: vscode.CancellationToken): Thenable<vscode.Uri[]> {
  const setting = (section: string) => vscode.workspace.getConfiguration(section).get('exclude');
  return vscode.workspace.findFiles('**/*', combinedExclude(setting('files'), setting('search'), extraExclude), MAX_WORKSPACE_FILES, token);
}

/** The text of a file as the editor has it: the open document's (unsaved edits included), else the file's, unless it is binary or not UTF-8. */
export async function fileText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  const bytes = await vscode.workspace.fs.readFile(uri).then((b) => b, () => undefined);
  if (!bytes || bytes.subarray(0, 8000).includes(0)) return undefined; // gone, or binary
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined; // not UTF-8: no token to edit there
  }
}

/**
 * Whether VS Code or the file's own mode forbids writing it. As root (code-server, containers)
 * fs.access(W_OK) succeeds on a 0444 file, so the mode bits are asked too.
 */
export async function isReadOnly(uri: vscode.Uri): Promise<boolean> {
  if (vscode.workspace.fs.isWritableFileSystem(uri.scheme) === false) return true;
  const stat = await vscode.workspace.fs.stat(uri).then((st) => st, () => undefined);
  if (stat?.permissions !== undefined && (stat.permissions & vscode.FilePermission.Readonly) !== 0) return true;
  if (uri.scheme !== 'file') return false;
  return fs.stat(uri.fsPath).then((st) => (st.mode & 0o222) === 0, () => false);
}

/** Whether a tab shows the file (a change to it is then left unsaved, for the person to review). */
export function isInEditor(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === key));
}

/**
 * Saves a document an edit changed in the background. save() answers false while an autosave of the
 * same file is under way (code-server autosaves after a second by default): then this waits for that
 * save, up to 5 s. True when the document is saved.
 */
export async function saveDocument(document: vscode.TextDocument): Promise<boolean> {
  if (!document.isDirty || await document.save()) return true;
  await new Promise<void>((resolve) => {
    const done = () => { sub.dispose(); clearTimeout(timer); resolve(); };
    const sub = vscode.workspace.onDidSaveTextDocument((d) => { if (d.uri.toString() === document.uri.toString()) done(); });
    const timer = setTimeout(done, 5000);
  });
  return !document.isDirty || await document.save();
}
