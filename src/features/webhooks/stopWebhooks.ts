import vscode = require('vscode');
import type { Services } from '../../services';
import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import type { RoutedApplication } from './routedApplications';
import type { WebhooksFeature } from './webhooksFeature';

/** What putting back several applications came to: those put back, and those not (with the sentence why). */
export interface PutBack { restored: RoutedApplication[]; notRestored: { entry: RoutedApplication; reason: string }[] }

/**
 * Vonage: Stop Webhook Server → `{restored: [applicationId…]}` (and `notRestored: [{applicationId, reason}]`
 * when one could not be): every application routed here is put back first, then the tunnel and the server
 * stop. One changed elsewhere since is left as it is and said (Restore Webhooks offers the choice).
 */
export function registerStopWebhooks(s: Services, w: WebhooksFeature): void {
  registerCommand(s.context, 'vonage.stopWebhooks', s, async (_arg, inv) => {
    const wasRunning = w.host.running !== undefined;
    const result = w.routes.ownedHere().length
      ? await withProgress('Vonage: putting the webhooks back…', () => putBackAll(s, w))
      : { restored: [], notRestored: [] };
    await w.host.stop();
    if (!inv.scripted) {
      const names = result.restored.map((e) => `"${e.applicationName}"`);
      void inv.ui.info(`${wasRunning ? 'Stopped the webhook server' : 'The webhook server was not running'}${names.length ? `; the webhooks of ${names.join(', ')} are back to their own addresses.` : '.'}`);
      if (result.notRestored.length) {
        const restore = 'Restore Webhooks…';
        void inv.ui.warn(`Not put back: ${result.notRestored.map((n) => n.reason).join(' ')}`, restore)
          .then((c) => c === restore ? vscode.commands.executeCommand('vonage.restoreWebhooks') : undefined);
      }
    }
    const notRestored = result.notRestored.map((n) => ({ applicationId: n.entry.applicationId, reason: n.reason }));
    return { restored: result.restored.map((e) => e.applicationId), ...(notRestored.length ? { notRestored } : {}) };
  }, { worksSignedOut: true });
}

/** Puts back each application, one after the other; a failure is logged and said, and the others still go back. */
export async function putBackAll(s: Services, w: WebhooksFeature, entries = w.routes.ownedHere()): Promise<PutBack> {
  const out: PutBack = { restored: [], notRestored: [] };
  for (const entry of entries) {
    try {
      const outcome = await w.router.restore(entry);
      if (outcome.restored) out.restored.push(entry);
      else out.notRestored.push({ entry, reason: outcome.reason });
    } catch (e) {
      s.log.error(`Putting back the webhooks of application ${entry.applicationId} failed`, e);
      out.notRestored.push({ entry, reason: `The webhooks of "${entry.applicationName}" could not be put back (${e instanceof Error ? e.message.replace(/\.$/, '') : String(e)}); they stay saved for Restore Webhooks.` });
    }
  }
  return out;
}
