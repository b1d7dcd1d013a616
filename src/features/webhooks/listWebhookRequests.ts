import vscode = require('vscode');
import type { Services } from '../../services';
import { registerCommand } from '../../ui/commandWrapper';
import { argsOf, optString } from '../../ui/args';
import { type CallbackRecord, callbackFields, callUuid, conversationOf } from '../../vonage/webhooks/callbacks';
import type { WebhooksFeature } from './webhooksFeature';

/**
 * Vonage: List Webhook Requests — `{applicationId?}` → `[{id, time, kind, method, path, status, callUuid,
 * signature, reason?}]`, newest first (also applicationId and conversationUuid). By hand: the Webhooks view.
 */
export function registerListWebhookRequests(s: Services, w: WebhooksFeature): void {
  registerCommand(s.context, 'vonage.listWebhookRequests', s, async (arg, inv) => {
    const applicationId = optString(argsOf(arg), 'applicationId');
    if (!inv.scripted) await vscode.commands.executeCommand('vonage.webhooks.focus');
    return [...w.callbacks.all()].reverse().filter((r) => !applicationId || r.request.applicationId === applicationId).map(listed);
  }, { worksSignedOut: true });
}

function listed(r: CallbackRecord) {
  const fields = callbackFields(r.request);
  return {
    id: r.id, time: r.time, kind: r.request.kind, method: r.request.method, path: r.request.path, status: r.answer.status,
    callUuid: callUuid(fields), conversationUuid: conversationOf(fields), applicationId: r.request.applicationId,
    signature: r.signature.verdict, ...(r.signature.reason ? { reason: r.signature.reason } : {}),
  };
}
