import * as fs from 'fs';
import * as path from 'path';
import vscode = require('vscode');
import { STARTER_NCCO } from '../../vonage/ncco';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { Services } from '../../services';
import { argsOf, optString } from '../../ui/args';
import { registerCommand } from '../../ui/commandWrapper';
import { workspaceFoldersOrFail } from '../../ui/workspaceFolders';
import { createFileExclusive } from '../../workspace/atomicWrite';
import { isNccoFile } from './nccoFiles';

/**
 * Vonage: New NCCO File — `{ file? }` (absolute, or relative to the first workspace folder; default ncco.json) →
 * `{ file, created }`. Writes a starter NCCO (one talk action) and opens it: the schema's completions, hovers and
 * snippets and the file's CodeLens take it from there. By hand it asks where. It never overwrites: a file that
 * exists is opened as it is (created false). No account needed.
 */
export function registerNewNcco(s: Services): void {
  registerCommand(s.context, 'vonage.newNcco', s, async (arg, inv) => {
    const args = argsOf(arg);
    const file = fileArg(args) ?? (inv.scripted ? defaultFile() : await askWhere(inv.ui.saveFile.bind(inv.ui)));
    const name = path.basename(file);
    if (!isNccoFile(vscode.Uri.file(file))) {
      throw new VonageInputError(`Name the file ncco.json, or something.ncco.json, not ${name}: that name is how VS Code knows to check it against the NCCO schema and show its CodeLens. Nothing was written.`, 'file');
    }
    const created = await createFileExclusive(file, `${JSON.stringify(STARTER_NCCO, null, 2)}\n`, 0o644);
    await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: false });
    s.log.info(created ? `Wrote a starter NCCO file (${name}).` : `${name} exists: opened it as it is.`);
    if (!inv.scripted && !created) void inv.ui.info(`${name} already exists, so it was not overwritten: it is open as it was.`);
    return { file, created };
  }, { worksSignedOut: true });
}

function fileArg(args: Record<string, unknown>): string | undefined {
  const given = optString(args, 'file');
  if (given === undefined) return undefined;
  return path.isAbsolute(given) ? given : path.join(workspaceFoldersOrFail('New NCCO File')[0].uri.fsPath, given);
}

function defaultFile(): string {
  return path.join(workspaceFoldersOrFail('New NCCO File')[0].uri.fsPath, 'ncco.json');
}

/** The save dialog, starting at ncco.json in the first workspace folder (or a free *.ncco.json name there). */
async function askWhere(saveFile: (opts: vscode.SaveDialogOptions) => Promise<vscode.Uri | undefined>): Promise<string> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const suggested = folder && (fs.existsSync(path.join(folder, 'ncco.json')) ? path.join(folder, 'call.ncco.json') : path.join(folder, 'ncco.json'));
  const uri = await saveFile({ title: 'New NCCO File', saveLabel: 'Create', defaultUri: suggested ? vscode.Uri.file(suggested) : undefined, filters: { 'NCCO (JSON)': ['json'] } });
  if (!uri) throw new vscode.CancellationError();
  return uri.fsPath;
}
