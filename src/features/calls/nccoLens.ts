import vscode = require('vscode');
import type { ApplicationsTree } from '../applications/applicationsTree';
import { isNccoFile, NccoFileTarget, type NccoFiles } from './nccoFiles';

/** The NCCO files the lens is for: ncco.json and *.ncco.json, wherever they are. */
export const NCCO_FILES: vscode.DocumentSelector = [{ pattern: '**/ncco.json' }, { pattern: '**/*.ncco.json' }];

/**
 * On the first line of an NCCO file: Call a user with this NCCO · Call a phone with this NCCO · the application
 * the file is for (a click changes it). The calls run the file's text as it is in the editor when clicked. Painted
 * from what is at hand (the remembered application, its name if the view has loaded it), never waiting on the
 * network: a name not at hand is read, and the lens painted again.
 */
export class NccoLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  /** The applications list is being read for a name (the view has not loaded it). */
  private reading = false;
  /** Applications whose name was looked for in a list read since the last reload, and not found. */
  private readonly notFound = new Set<string>();

  constructor(private readonly files: NccoFiles, private readonly tree: ApplicationsTree) {
    this.subscriptions = [
      this.changed,
      files.onDidChange(() => this.changed.fire()),
      tree.onDidChangeTreeData((node) => { // the applications (their names) were read again
        if (node) return;
        this.notFound.clear();
        this.changed.fire();
      }),
    ];
  }

  dispose(): void {
    for (const d of this.subscriptions) d.dispose();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!isNccoFile(document.uri)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const target = new NccoFileTarget(document.uri);
    const applicationId = this.files.applicationFor(document.uri);
    const choose = { command: 'vonage.chooseNccoApplication', arguments: [document.uri] };
    return [
      new vscode.CodeLens(top, { title: '$(call-outgoing) Call a user with this NCCO', command: 'vonage.callUser', arguments: [target] }),
      new vscode.CodeLens(top, { title: '$(device-mobile) Call a phone with this NCCO', command: 'vonage.callPhone', arguments: [target] }),
      new vscode.CodeLens(top, applicationId
        ? { ...choose, title: this.forTitle(applicationId), tooltip: 'The application this NCCO file is for: its calls are placed from it, and its users are checked. Click to choose another.' }
        : { ...choose, title: '$(vm) Choose the application', tooltip: 'Which application this NCCO file is for: calls are placed from it, and the users the file connects to are checked against it.' }),
    ];
  }

  /**
   * 'For "My App"'. When the view has not loaded the applications, the list is read (not waited for: the lens
   * shows it is reading, and is painted again with the name); the id shows only when the list does not have it.
   */
  private forTitle(applicationId: string): string {
    const name = this.tree.findApplication(applicationId)?.app.name;
    if (name) return `$(vm) For "${name}"`;
    if (this.notFound.has(applicationId)) return `$(vm) For application ${applicationId.slice(0, 8)}`;
    if (!this.reading) {
      this.reading = true;
      void this.tree.applications().then(() => undefined, () => undefined).then(() => {
        this.reading = false;
        if (!this.tree.findApplication(applicationId)) this.notFound.add(applicationId);
        this.changed.fire();
      });
    }
    return '$(loading~spin) For the chosen application';
  }
}
