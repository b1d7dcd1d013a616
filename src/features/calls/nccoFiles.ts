import * as path from 'path';
import vscode = require('vscode');
import { type NccoAction, checkedNccoText } from '../../vonage/ncco';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken

/** Where the application each NCCO file is for is kept (workspace state: per workspace, no secret in it). */
const MEMORY_KEY = 'vonage.nccoApplications';
/** The most files remembered: the oldest are forgotten first. */
const MEMORY_SIZE = 200;

interface Remembered { baseUrl: string; applicationId: string }

/** ncco.json, or anything.ncco.json: the files the schema (package.json jsonValidation), the CodeLens and the user check are for. */
export function isNccoFile(uri: vscode.Uri): boolean {
  const name = path.posix.basename(uri.path).toLowerCase();
  return name === 'ncco.json' || name.endsWith('.ncco.json');
}

/** What a CodeLens of an NCCO file hands its command: the file (its text is read when the command runs). */
export class NccoFileTarget {
  constructor(readonly uri: vscode.Uri) {}
}

/**
 * Which application an NCCO file is "for": the one last used with it (a call placed with the file, or chosen on
 * its CodeLens), remembered per file and per host in workspace state. Vonage ties no NCCO to an application
 * (any application's answer URL may serve it), so the extension does not guess: until a call is placed or an
 * application chosen, the file is for none, and the unknown-user check waits.
 */
export class NccoFiles implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly memory: vscode.Memento, private readonly baseUrl: () => string) {}

  dispose(): void { this.changed.dispose(); }

  /** The application the file is for, on the current host (undefined: none yet). */
  applicationFor(uri: vscode.Uri): string | undefined {
    const found = this.all()[uri.toString()];
    return found && found.baseUrl === this.baseUrl() ? found.applicationId : undefined;
  }

  async remember(uri: vscode.Uri, applicationId: string): Promise<void> {
    if (this.applicationFor(uri) === applicationId) return;
    const all = { ...this.all() }; // a copy: the memento's own object is not changed in place
    delete all[uri.toString()]; // re-added last: the newest
    all[uri.toString()] = { baseUrl: this.baseUrl(), applicationId };
    const keys = Object.keys(all);
    for (const old of keys.slice(0, Math.max(0, keys.length - MEMORY_SIZE))) delete all[old];
    await this.memory.update(MEMORY_KEY, all);
    this.changed.fire(uri);
  }

  /** What is stored, as stored (not a copy: read it, do not change it). */
  private all(): Readonly<Record<string, Remembered>> {
    return this.memory.get<Record<string, Remembered>>(MEMORY_KEY, {});
  }
}

/** The NCCO in a file: the editor's text when it is open (unsaved changes included), else the file's; checked against the schema. */
export async function readNccoFile(uri: vscode.Uri): Promise<NccoAction[]> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const name = path.posix.basename(uri.path);
  let text: string;
  try {
    text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (e) {
    throw new VonageInputError(`Could not read ${name} (${e instanceof Error ? e.message : String(e)}); nothing was sent.`, 'nccoFile');
  }
  return checkedNccoText(text, name);
}
