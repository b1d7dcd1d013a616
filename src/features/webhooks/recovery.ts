import type { Services } from '../../services';
import { putBackAll } from './stopWebhooks';
import type { WebhooksFeature } from './webhooksFeature';

/**
 * At start: the applications a window that closed or crashed left pointing at its (now gone) webhook
 * server are put back, and it is said. Those changed elsewhere meanwhile are left as they are and said
 * (Restore Webhooks offers the choice). Returns the ids put back.
 */
export async function recoverLeftBehind(s: Services, w: WebhooksFeature): Promise<string[]> {
  const left = w.routes.leftBehind();
  if (left.length === 0) return [];
  s.log.info(`${left.length} application${left.length === 1 ? ' was' : 's were'} left routed to a webhook server of a window that is gone: putting ${left.length === 1 ? 'it' : 'them'} back.`);
  const result = await putBackAll(s, w, left);
  const ui = s.ui();
  if (result.restored.length) {
    const names = result.restored.map((e) => `"${e.applicationName}"`).join(', ');
    void ui.info(`Vonage: a window closed while the webhooks of ${names} pointed at it; they are back to their own addresses.`);
  }
  if (result.notRestored.length) {
    void ui.warn(`Vonage: a window closed while webhooks pointed at it, and they could not all be put back. ${result.notRestored.map((n) => n.reason).join(' ')}`);
  }
  return result.restored.map((e) => e.applicationId);
}
