import vscode = require('vscode');
import type { Services } from '../../services';
import { registerCommand } from '../../ui/commandWrapper';
import { argsOf } from '../../ui/args';
import { VonageInputError } from '../../vonage/errors';
import { type CallbackRecord, curlCommand } from '../../vonage/webhooks/callbacks';
import { CallbackDocuments } from './callbackDocuments';
import { callbackIdOf } from './webhookArgs';
import type { WebhooksFeature } from './webhooksFeature';

/**
 * The inspector's actions on one callback — Open (`{id}` → the document's URI), Replay (`{id}` → `{id, status}`
 * of the new record), Copy as curl (`{id}` → the command) — and Clear (→ `{cleared: n}`).
 */
export function registerCallbackActions(s: Services, w: WebhooksFeature): void {
  const recordOf = (arg: unknown): CallbackRecord => {
    const id = callbackIdOf(arg, argsOf(arg));
    if (!id) throw new VonageInputError('Say which callback (id, as vonage.listWebhookRequests gives it).', 'id');
    const record = w.callbacks.get(id);
    if (!record) throw new VonageInputError(`The callback ${id} is no longer kept (Clear, or more than the last 500).`, 'id');
    return record;
  };

  registerCommand(s.context, 'vonage.openWebhookRequest', s, async (arg) => {
    const uri = CallbackDocuments.uriFor(recordOf(arg));
    await vscode.window.showTextDocument(uri, { preview: true, preserveFocus: false });
    return uri.toString();
  }, { worksSignedOut: true });

  registerCommand(s.context, 'vonage.replayWebhookRequest', s, async (arg, inv) => {
    const record = recordOf(arg);
    const server = w.host.running;
    if (!server) throw new VonageInputError('The webhook server is not running: start it first (Vonage: Start Webhook Server), then replay.');
    const replay = await server.handle(record.request, undefined, record.id);
    if (!inv.scripted) {
      await vscode.window.showTextDocument(CallbackDocuments.uriFor(replay), { preview: true });
      void inv.ui.info(`Replayed (without Vonage's signature) ${server.forwardTo ? 'to your server' : `against ${w.host.nccoFile().name}`}: answered ${replay.answer.status}.`);
    }
    return { id: replay.id, status: replay.answer.status };
  }, { worksSignedOut: true });

  registerCommand(s.context, 'vonage.copyWebhookRequestAsCurl', s, async (arg, inv) => {
    const curl = curlCommand(recordOf(arg).request, w.host.running?.url ?? 'http://127.0.0.1:$PORT');
    await vscode.env.clipboard.writeText(curl);
    if (!inv.scripted) void inv.ui.info('Copied as curl (no credentials: the request goes to the webhook server unsigned).');
    return curl;
  }, { worksSignedOut: true });

  registerCommand(s.context, 'vonage.clearWebhookRequests', s, async (_arg, inv) => {
    const cleared = w.callbacks.all().length;
    await w.callbacks.clear();
    if (!inv.scripted) void inv.ui.info(`Cleared ${cleared} callback${cleared === 1 ? '' : 's'}.`);
    return { cleared };
  }, { worksSignedOut: true });
}
