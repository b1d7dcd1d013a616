import type { Services } from '../../services';
import type { Application } from '../../vonage/application';
import { updateBody } from '../../vonage/capabilities';
import { isDefiniteRejection } from '../../vonage/errors';
import {
  type RestoreDecision, type RoutableWebhook, type RoutingPlan, type SavedWebhook, type WebhookChange,
  restoreDecision, routedCapabilities, routingPlan, webhookLabel,
} from '../../vonage/webhooks/routing';
import type { RoutedApplication, RoutedApplications } from './routedApplications';

/** The account an application is routed from. */
export interface AccountRef { baseUrl: string; apiKey: string }

export type RestoreOutcome =
  | { restored: true; note?: string }
  | { restored: false; reason: string; decision: RestoreDecision & { kind: 'changedElsewhere' } };

/**
 * Routing an application's webhooks to the webhook server and putting them back, at Vonage. The application
 * is read fresh each time; the originals are saved before the change is sent; a PUT whose answer is lost is
 * settled by reading the application back (ApplicationsClient.put), never sent twice.
 */
export class WebhookRouter {
  constructor(private readonly s: Services, private readonly routes: RoutedApplications, private readonly pid: number = process.pid) {}

  /** The application as Vonage has it now, and the plan to point `webhooks` of it at `base`. */
  async plan(account: AccountRef, applicationId: string, base: string, webhooks?: readonly RoutableWebhook[], signal?: AbortSignal): Promise<{ app: Application; plan: RoutingPlan }> {
    const client = await this.s.session.applications(account.baseUrl, account.apiKey);
    const app = await client.get(applicationId, signal);
    return { app, plan: routingPlan(app, base, webhooks) };
  }

  /** Saves the originals (merged with what an earlier routing saved), then sends the change. */
  async route(account: AccountRef, app: Application, plan: RoutingPlan, base: string, signal?: AbortSignal): Promise<WebhookChange[]> {
    if (plan.changed.length === 0) return [];
    const earlier = this.routes.find(account.baseUrl, account.apiKey, app.id);
    const entry: RoutedApplication = {
      ...account, applicationId: app.id, applicationName: app.name, publicUrl: base, routedAt: new Date().toISOString(), ownerPid: this.pid,
      webhooks: merged(earlier?.webhooks ?? [], plan.changed),
    };
    await this.routes.save(entry);
    const client = await this.s.session.applications(account.baseUrl, account.apiKey);
    try {
      const updated = await client.put(app.id, updateBody(app, { capabilities: routedCapabilities(app, plan) }), app, signal);
      this.s.tree.updateApplication(updated);
    } catch (e) {
      if (isDefiniteRejection(e)) {
        // Refused, so not made: forget what this routing saved (an earlier routing's stays). An unclear
        // answer keeps it: putting back finds nothing to do if the change was not made after all.
        if (earlier) await this.routes.save(earlier);
        else await this.routes.remove(entry);
      }
      throw e;
    }
    this.s.log.info(`Routed the webhooks of application ${app.id} to the webhook server: ${plan.changed.map((c) => c.webhook).join(', ')}.`);
    return plan.changed;
  }

  /**
   * Puts back what routing changed, unless the application was changed elsewhere since (then the reason,
   * and with `force` the originals anyway). An application deleted meanwhile: put back as far as anyone can
   * tell (it is gone), and said in the log.
   */
  async restore(entry: RoutedApplication, opts: { force?: boolean; signal?: AbortSignal } = {}): Promise<RestoreOutcome> {
    const client = await this.s.session.applications(entry.baseUrl, entry.apiKey);
    let app: Application;
    try {
      app = await client.get(entry.applicationId, opts.signal);
    } catch (e) {
      if ((e as { kind?: unknown }).kind !== 'notFound') throw e;
      await this.routes.remove(entry);
      this.s.log.warn(`Application ${entry.applicationId} was already deleted (404): its webhooks need no putting back; forgot the saved addresses.`);
      return { restored: true, note: 'deleted' };
    }
    const decision = restoreDecision(app, entry.webhooks);
    if (decision.kind === 'nothingToDo') {
      await this.routes.remove(entry);
      this.s.log.info(`The webhooks of application ${app.id} already hold their original addresses; forgot the saved addresses.`);
      return { restored: true, note: 'already' };
    }
    if (decision.kind === 'changedElsewhere' && !opts.force) return { restored: false, reason: decision.reason, decision };
    const updated = await client.put(app.id, updateBody(app, { capabilities: decision.capabilities }), app, opts.signal);
    await this.routes.remove(entry);
    if (this.s.session.baseUrl === entry.baseUrl) this.s.tree.updateApplication(updated);
    this.s.log.info(`Put back the webhooks of application ${app.id}: ${decision.restored.join(', ')}.`);
    return { restored: true };
  }

  /** Forgets the saved originals without changing anything at Vonage ("keep it as it is now"). */
  async forget(entry: RoutedApplication): Promise<void> {
    await this.routes.remove(entry);
    this.s.log.info(`Forgot the saved webhooks of application ${entry.applicationId}; nothing was changed at Vonage.`);
  }
}

/** The saved webhooks after another routing: an earlier original is kept (it is what was there before us). */
function merged(earlier: readonly SavedWebhook[], changed: readonly WebhookChange[]): SavedWebhook[] {
  const out = [...earlier];
  for (const c of changed) {
    const i = out.findIndex((w) => w.webhook === c.webhook);
    if (i >= 0) out[i] = { ...out[i], routed: c.to };
    else out.push({ webhook: c.webhook, original: c.from, routed: c.to });
  }
  return out;
}

/** "voice answer URL: https://old → https://new" lines, for the confirmation. */
export function changeLines(changed: readonly WebhookChange[]): string[] {
  return changed.map((c) => `${webhookLabel(c.webhook)}: ${c.from ?? '(none)'} → ${c.to}`);
}
