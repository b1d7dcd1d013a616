import vscode = require('vscode');
import { callbackDocument } from '../../vonage/webhooks/callbackDocument';
import type { CallbackRecord } from '../../vonage/webhooks/callbacks';
import type { CallbackLog } from './callbackLog';

export const CALLBACK_SCHEME = 'vonage-webhook';

/**
 * The read-only documents of callbacks (a TextDocumentContentProvider: they cannot be edited or saved and
 * live only in memory), with Replay and Copy as curl as CodeLenses on the first line.
 */
export class CallbackDocuments implements vscode.TextDocumentContentProvider, vscode.CodeLensProvider {
  constructor(private readonly callbacks: CallbackLog) {}

  static uriFor(record: CallbackRecord): vscode.Uri {
    const time = record.time.replace(/[:.]/g, '-');
    return vscode.Uri.from({ scheme: CALLBACK_SCHEME, path: `/${record.id}/${record.request.kind} ${time}.http` });
  }

  static idOf(uri: vscode.Uri): string | undefined {
    return uri.scheme === CALLBACK_SCHEME ? uri.path.split('/')[1] : undefined;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const record = this.callbacks.get(CallbackDocuments.idOf(uri) ?? '');
    return record ? callbackDocument(record) : '# This callback is no longer kept (Clear, or more than the last 500).\n';
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const id = CallbackDocuments.idOf(document.uri);
    if (!id || !this.callbacks.get(id)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const byHand = [{ id, interactive: true }]; // run by a person: the replay's document, messages, problems shown (not thrown)
    return [
      new vscode.CodeLens(top, { title: '$(debug-rerun) Replay', command: 'vonage.replayWebhookRequest', arguments: byHand }),
      new vscode.CodeLens(top, { title: '$(copy) Copy as curl', command: 'vonage.copyWebhookRequestAsCurl', arguments: byHand }),
    ];
  }
}
