// Pointing an application's webhooks at the editor's webhook server, and putting them back. Only the
// addresses change: the change goes through capabilities.ts (applyCapabilityChanges: methods, timeouts, the
// other capabilities, the key and everything else kept as read), and putting back changes only the
// addresses that were changed, and only while they still hold the address routed here.
import { type CapabilityChanges, applyCapabilityChanges } from '../capabilities';
import { VonageInputError } from '../errors';
import { WEBHOOK_URLS } from '../urls';
import type { Application } from '../application';
import type { CallbackKind } from './callbacks';

export type RoutableWebhook = 'voiceAnswerUrl' | 'voiceFallbackAnswerUrl' | 'voiceEventUrl' | 'rtcEventUrl';

interface WebhookSpec { capability: 'voice' | 'rtc'; field: string; hook: string; kind: CallbackKind; defaultMethod: string }

/** Where each webhook lives in the application, and the path it gets on the server. */
export const ROUTABLE_WEBHOOKS: Readonly<Record<RoutableWebhook, WebhookSpec>> = Object.freeze({
  voiceAnswerUrl: { capability: 'voice', field: 'answerUrl', hook: 'answer_url', kind: 'answer', defaultMethod: 'GET' },
  voiceFallbackAnswerUrl: { capability: 'voice', field: 'fallbackAnswerUrl', hook: 'fallback_answer_url', kind: 'fallback', defaultMethod: 'GET' },
  voiceEventUrl: { capability: 'voice', field: 'eventUrl', hook: 'event_url', kind: 'event', defaultMethod: 'POST' },
  rtcEventUrl: { capability: 'rtc', field: 'eventUrl', hook: 'event_url', kind: 'rtc', defaultMethod: 'POST' },
});
const NAMES = Object.keys(ROUTABLE_WEBHOOKS) as RoutableWebhook[];

/** The webhook whose callbacks are of this kind (one each). */
export function webhookOfKind(kind: CallbackKind): RoutableWebhook {
  return NAMES.find((n) => ROUTABLE_WEBHOOKS[n].kind === kind)!;
}

/** The webhook's name in a sentence ("voice answer URL"). */
export function webhookLabel(w: RoutableWebhook): string {
  return WEBHOOK_URLS[w].label;
}

/** The server's address for one webhook of one application: `<base>/webhooks/<applicationId>/<kind>`. */
export function serverWebhookUrl(base: string, applicationId: string, kind: CallbackKind): string {
  return `${base.replace(/\/+$/, '')}/webhooks/${encodeURIComponent(applicationId)}/${kind}`;
}

/** The address a webhook has now (undefined when the application does not have it). */
export function webhookAddress(app: Application, w: RoutableWebhook): string | undefined {
  const { capability, hook } = ROUTABLE_WEBHOOKS[w];
  const h = hooksOf(app.capabilities?.[capability])?.[hook];
  return isObject(h) && typeof h.address === 'string' && h.address.trim() !== '' ? h.address : undefined;
}

/**
 * What is routed when nothing is chosen: the voice answer and event URLs, the fallback answer URL when it
 * has one, the rtc event URL — of the capabilities the application has.
 */
export function defaultWebhooks(app: Application): RoutableWebhook[] {
  const has = (c: 'voice' | 'rtc') => isObject(app.capabilities?.[c]);
  return NAMES.filter((w) => {
    const { capability } = ROUTABLE_WEBHOOKS[w];
    if (!has(capability)) return false;
    return w !== 'voiceFallbackAnswerUrl' || webhookAddress(app, w) !== undefined;
  });
}

/** The webhook names of an argument, checked (a VonageInputError names the wrong one). */
export function checkedWebhookNames(value: unknown): RoutableWebhook[] {
  if (!Array.isArray(value) || value.length === 0) throw new VonageInputError(`webhooks must be a list of one or more of ${NAMES.join(', ')}.`, 'webhooks');
  for (const v of value) {
    if (!NAMES.includes(v as RoutableWebhook)) throw new VonageInputError(`"${String(v)}" is not a webhook that can be routed here. Use ${NAMES.join(', ')}.`, 'webhooks');
  }
  return [...new Set(value as RoutableWebhook[])];
}

export interface WebhookChange { webhook: RoutableWebhook; from: string | null; to: string }

export interface RoutingPlan {
  /** The change for ApplicationsClient.update (addresses only). */
  changes: CapabilityChanges;
  /** Each address that changes, from what to what (nothing for one that already points here). */
  changed: WebhookChange[];
}

/**
 * The change that points `webhooks` (by default defaultWebhooks) of `app` at `base`. A webhook of a
 * capability the application lacks is refused (adding a capability is Edit Application's job, and putting
 * back would have to remove it again).
 */
export function routingPlan(app: Application, base: string, webhooks?: readonly RoutableWebhook[]): RoutingPlan {
  const chosen = webhooks ?? defaultWebhooks(app);
  if (chosen.length === 0) {
    throw new VonageInputError(`Application "${app.name}" has neither the voice nor the rtc capability, so it has no webhooks to route here. Add voice first (Vonage: Edit Application).`, 'applicationId');
  }
  const changes: CapabilityChanges = {};
  const changed: WebhookChange[] = [];
  for (const w of chosen) {
    const spec = ROUTABLE_WEBHOOKS[w];
    if (!isObject(app.capabilities?.[spec.capability])) {
      throw new VonageInputError(`Application "${app.name}" has no ${spec.capability} capability, so its ${webhookLabel(w)} cannot be routed here. Add ${spec.capability} first (Vonage: Edit Application).`, 'webhooks');
    }
    const to = serverWebhookUrl(base, app.id, spec.kind);
    const from = webhookAddress(app, w) ?? null;
    if (from === to) continue;
    (changes[spec.capability] ??= {} as Record<string, string>)[spec.field as 'eventUrl'] = to;
    changed.push({ webhook: w, from, to });
  }
  return { changes, changed };
}

/** The capabilities after the plan: applyCapabilityChanges, so everything but the addresses is kept. */
export function routedCapabilities(app: Application, plan: RoutingPlan): Record<string, unknown> {
  return applyCapabilityChanges(app.capabilities, plan.changes);
}

/** One webhook changed by routing: what it was (null: it did not exist) and what it was set to. */
export interface SavedWebhook { webhook: RoutableWebhook; original: string | null; routed: string }

export type RestoreDecision =
  /** Put back: the capabilities to PUT, and which webhooks they put back. */
  | { kind: 'restore'; capabilities: Record<string, unknown>; restored: RoutableWebhook[] }
  /** Every webhook already holds its original address: nothing to send. */
  | { kind: 'nothingToDo' }
  /**
   * Some address was changed elsewhere since (`changed`, said in `reason`). `stillHere` puts back only the
   * webhooks that still point here (undefined when none does), leaving the changed ones as they are;
   * `capabilities` would put back every original anyway.
   */
  | {
    kind: 'changedElsewhere'; reason: string; changed: SavedWebhook[];
    stillHere?: { capabilities: Record<string, unknown>; restored: RoutableWebhook[] };
    capabilities: Record<string, unknown>; restored: RoutableWebhook[];
  };

/**
 * Whether putting back is safe: every saved webhook still holds the address routed here (or already its
 * original). Putting back sets those addresses to their originals (and removes a webhook routing added),
 * nothing else: a method or timeout changed meanwhile stays. A webhook changed elsewhere is never put back
 * without asking, but the others still can be, on their own (so none is left pointing at a server that stops).
 */
export function restoreDecision(app: Application, saved: readonly SavedWebhook[]): RestoreDecision {
  const toRestore = saved.filter((s) => (webhookAddress(app, s.webhook) ?? null) !== s.original);
  if (toRestore.length === 0) return { kind: 'nothingToDo' };
  const changed = toRestore.filter((s) => (webhookAddress(app, s.webhook) ?? null) !== s.routed);
  const everything = restoring(app, toRestore);
  if (changed.length === 0) return { kind: 'restore', ...everything };
  const what = changed.map((s) => {
    const now = webhookAddress(app, s.webhook);
    return now ? `its ${webhookLabel(s.webhook)} is now ${now}` : `its ${webhookLabel(s.webhook)} was removed`;
  });
  const reason = `Application "${app.name}" was changed elsewhere since its webhooks were routed here: ${what.join('; ')}.`;
  const unchanged = toRestore.filter((s) => !changed.includes(s));
  const stillHere = unchanged.length ? restoring(app, unchanged) : undefined;
  return { kind: 'changedElsewhere', reason, changed, ...(stillHere?.restored.length ? { stillHere } : {}), ...everything };
}

/** The capabilities that put these webhooks back, and which of them that is (those whose capability is still there). */
function restoring(app: Application, saved: readonly SavedWebhook[]): { capabilities: Record<string, unknown>; restored: RoutableWebhook[] } {
  const restored = saved.filter((s) => isObject(app.capabilities?.[ROUTABLE_WEBHOOKS[s.webhook].capability])).map((s) => s.webhook);
  return { capabilities: restoredCapabilities(app, saved), restored };
}

/** A copy of the capabilities with each saved webhook's address set back (removed when routing added it). */
function restoredCapabilities(app: Application, saved: readonly SavedWebhook[]): Record<string, unknown> {
  const out: Record<string, unknown> = isObject(app.capabilities) ? structuredClone(app.capabilities) : {};
  for (const s of saved) {
    const spec = ROUTABLE_WEBHOOKS[s.webhook];
    const cap = out[spec.capability];
    if (!isObject(cap)) continue; // the capability was removed elsewhere: nothing to put back into
    if (!isObject(cap.webhooks)) cap.webhooks = {};
    const hooks = cap.webhooks as Record<string, unknown>;
    const hook = hooks[spec.hook];
    if (s.original === null) delete hooks[spec.hook];
    else if (isObject(hook)) hook.address = s.original;
    else hooks[spec.hook] = { address: s.original, http_method: spec.defaultMethod };
  }
  return out;
}

function hooksOf(cap: unknown): Record<string, unknown> | undefined {
  return isObject(cap) && isObject(cap.webhooks) ? cap.webhooks : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
