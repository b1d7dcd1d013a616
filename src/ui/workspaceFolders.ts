import * as path from 'path';
import vscode = require('vscode');
import { VonageInputError } from '../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { Invocation } from './commandWrapper';
import type { StepInfo } from './prompts';

/** The workspace's folders; a clear sentence when there is none (files are only ever written inside one). */
export function workspaceFoldersOrFail(what: string): readonly vscode.WorkspaceFolder[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) throw new VonageInputError(`${what} writes into a workspace folder, and none is open. Open your app's folder (File > Open Folder) and run it again.`, 'folder');
  return folders;
}

/** A `folder` argument: a workspace folder's path, URI or name; only workspace folders are accepted. */
export function folderFromArg(value: unknown, what: string): vscode.WorkspaceFolder | undefined {
  if (value === undefined || value === null) return undefined;
  const folders = workspaceFoldersOrFail(what);
  if (typeof value !== 'string') throw new VonageInputError('The argument "folder" must be a string: a workspace folder\'s path or name.', 'folder');
  const found = folders.find((f) => f.name === value || f.uri.toString() === value || (path.isAbsolute(value) && path.resolve(value) === f.uri.fsPath));
  if (!found) throw new VonageInputError(`"${value}" is not a folder of this workspace (${folders.map((f) => f.name).join(', ')}); files are only written inside a workspace folder.`, 'folder');
  return found;
}

/** Asks which workspace folder when there are several; the only one otherwise. */
export async function pickWorkspaceFolder(inv: Invocation, info: StepInfo, what: string): Promise<vscode.WorkspaceFolder> {
  const folders = workspaceFoldersOrFail(what);
  if (folders.length === 1 || inv.scripted) return folders[0];
  return inv.ui.pick(folders.map((f) => ({ label: `$(folder) ${f.name}`, description: f.uri.fsPath, value: f })), { ...info, placeholder: 'Which folder is the app in?' });
}
