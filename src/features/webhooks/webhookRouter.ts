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
  /** Changed elsewhere: `putBack` are the webhooks that still pointed here and are back now; the changed ones stay saved. */
  | { restored: false; reason: string; putBack: RoutableWebhook[]; decision: RestoreDecision & { kind: 'changedElsewhere' } };

/**
 * Routing an application's webhooks to the webhook server and putting them back, at Vonage. The application
 * is read fresh each time; the originals are saved before the change is sent; a PUT whose answer is lost is
 * settled by reading the application back (ApplicationsClient.put), never sent twice.
 */
export class WebhookRouter {
  constructor(private readonly s: Services, private readonly routes: RoutedApplications) {}

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
      ...account, applicationId: app.id, applicationName: app.name, publicUrl: base, routedAt: new Date().toISOString(),
      owner: this.routes.owner, ownerPid: this.routes.pid,
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
   * Puts back what routing changed. When the application was changed elsewhere since: the webhooks nobody
   * changed are put back all the same (none is left pointing at a server about to stop), the changed ones are
   * left as they are and stay saved, and the reason says so; with `force` the originals of all go back. An
   * application deleted meanwhile: put back as far as anyone can tell (it is gone), and said in the log.
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
    if (decision.kind === 'changedElsewhere' && !opts.force) return this.restoreUnchanged(entry, app, decision, opts.signal);
    const updated = await client.put(app.id, updateBody(app, { capabilities: decision.capabilities }), app, opts.signal);
    await this.routes.remove(entry);
    if (this.s.session.baseUrl === entry.baseUrl) this.s.tree.updateApplication(updated);
    this.s.log.info(`Put back the webhooks of application ${app.id}: ${decision.restored.join(', ')}.`);
    return { restored: true };
  }

  /** Changed elsewhere: puts back the webhooks still pointing here; only the changed ones stay saved (for a choice). */
  private async restoreUnchanged(entry: RoutedApplication, app: Application, decision: RestoreDecision & { kind: 'changedElsewhere' }, signal?: AbortSignal): Promise<RestoreOutcome> {
    const stillHere = decision.stillHere;
    if (!stillHere) return { restored: false, reason: decision.reason, putBack: [], decision };
    const client = await this.s.session.applications(entry.baseUrl, entry.apiKey);
    const updated = await client.put(app.id, updateBody(app, { capabilities: stillHere.capabilities }), app, signal);
    await this.routes.save({ ...entry, webhooks: decision.changed });
    if (this.s.session.baseUrl === entry.baseUrl) this.s.tree.updateApplication(updated);
    const left = decision.changed.map((c) => c.webhook);
    this.s.log.info(`Put back the webhooks of application ${app.id} that still pointed here: ${stillHere.restored.join(', ')}; left ${left.join(', ')}, changed elsewhere.`);
    return { restored: false, reason: `${decision.reason} ${partlySentence(stillHere.restored, left)}`, putBack: stillHere.restored, decision };
  }

  /**
   * Keeps the webhooks still saved (those changed elsewhere) as they are now and forgets their originals ("keep
   * it as it is"); nothing is changed at Vonage. Returns what was forgotten, for the sentence.
   */
  async keep(entry: RoutedApplication): Promise<SavedWebhook[]> {
    const kept = this.routes.find(entry.baseUrl, entry.apiKey, entry.applicationId)?.webhooks ?? entry.webhooks;
    await this.routes.remove(entry);
    this.s.log.info(`Kept ${kept.map((k) => k.webhook).join(', ')} of application ${entry.applicationId} as changed elsewhere and forgot the saved original; nothing was changed at Vonage.`);
    return kept;
  }
}

/** "Its voice event URL and RTC event URL are back to their own addresses; the voice answer URL is left as it is." */
function partlySentence(back: readonly RoutableWebhook[], left: readonly RoutableWebhook[]): string {
  const one = (list: readonly unknown[], single: string, plural: string) => list.length === 1 ? single : plural;
  return `Its ${labelList(back)} ${one(back, 'is back to its own address', 'are back to their own addresses')}; the ${labelList(left)} ${one(left, 'is left as it is', 'are left as they are')}.`;
}

/** "voice event URL and RTC event URL". */
export function labelList(webhooks: readonly RoutableWebhook[]): string {
  const labels = webhooks.map(webhookLabel);
  return labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
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
