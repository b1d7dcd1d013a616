import vscode = require('vscode');
import type { ApplicationsTree } from '../applications/applicationsTree';
import { isNccoFile, NccoFileTarget, type NccoFiles } from './nccoFiles';

/** The NCCO files the lens is for: ncco.json and *.ncco.json, wherever they are. */
export const NCCO_FILES: vscode.DocumentSelector = [{ pattern: '**/ncco.json' }, { pattern: '**/*.ncco.json' }];

/**
 * On the first line of an NCCO file: Call a user with this NCCO · Call a phone with this NCCO · the application
 * the file is for (a click changes it). The calls run the file's text as it is in the editor when clicked. Painted
 * from what is at hand (the remembered application, its name if the view has loaded it): never the network.
 */
export class NccoLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly files: NccoFiles, private readonly tree: ApplicationsTree) {
    this.subscriptions = [
      this.changed,
      files.onDidChange(() => this.changed.fire()),
      tree.onDidChangeTreeData((node) => { if (!node) this.changed.fire(); }), // the applications (their names) were read again
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
    const name = applicationId && (this.tree.findApplication(applicationId)?.app.name ?? `application ${applicationId.slice(0, 8)}`);
    return [
      new vscode.CodeLens(top, { title: '$(call-outgoing) Call a user with this NCCO', command: 'vonage.callUser', arguments: [target] }),
      new vscode.CodeLens(top, { title: '$(device-mobile) Call a phone with this NCCO', command: 'vonage.callPhone', arguments: [target] }),
      new vscode.CodeLens(top, name
        ? { title: `$(vm) For "${name}"`, tooltip: 'The application this NCCO file is for: its calls are placed from it, and its users are checked. Click to choose another.', command: 'vonage.chooseNccoApplication', arguments: [document.uri] }
        : { title: '$(vm) Choose the application', tooltip: 'Which application this NCCO file is for: calls are placed from it, and the users the file connects to are checked against it.', command: 'vonage.chooseNccoApplication', arguments: [document.uri] }),
    ];
  }
}
