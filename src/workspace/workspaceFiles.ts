// The files a workspace-wide command looks at: what search would look at (search.exclude and
// files.exclude apply), never node_modules or .git, plus the command's own exclude globs.
import * as vscode from 'vscode';

const NEVER = ['**/node_modules/**', '**/.git/**'];
/** A bound on how many files one workspace command lists. */
export const MAX_WORKSPACE_FILES = 100_000;

/** One exclude glob: search's and files' excludes, `extra`, and never node_modules or .git. */
export function workspaceExcludeGlob(extra: readonly string[] = []): string {
  const globs = new Set(NEVER);
  for (const section of ['search.exclude', 'files.exclude']) {
    const map = vscode.workspace.getConfiguration().get<Record<string, unknown>>(section) ?? {};
    for (const [glob, on] of Object.entries(map)) if (on === true) globs.add(glob);
  }
  for (const g of extra) globs.add(g);
  return `{${[...globs].join(',')}}`;
}

/** The workspace's files, excludes applied. */
export function workspaceFiles(extraExclude: readonly string[], token?: vscode.CancellationToken): Thenable<vscode.Uri[]> {
  return vscode.workspace.findFiles('**/*', workspaceExcludeGlob(extraExclude), MAX_WORKSPACE_FILES, token);
}

/** The text of a file as the editor has it: the open document's (unsaved edits included), else the file's, unless it is binary. */
export async function fileText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  const bytes = await vscode.workspace.fs.readFile(uri).then((b) => b, () => undefined);
  if (!bytes || bytes.subarray(0, 8000).includes(0)) return undefined; // gone, or binary
  return Buffer.from(bytes).toString('utf8');
}
