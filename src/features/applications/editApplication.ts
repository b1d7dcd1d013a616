import type { Application } from '../../vonage';
import { CapabilityNode } from './capabilityNode';
import { type Invocation, offerRetry, registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard, type StepInfo } from '../../ui/prompts';
import { type CapabilityChanges, type CapabilityName, CAPABILITY_NAMES, capabilityFields } from '../../vonage/capabilities';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { argsOf, optString } from '../../ui/args';
import { applicationIdOf, pickApplication } from './applicationArgs';
import { capabilitySteps, changedFields, type Fields } from './capabilitySteps';
import type { Services } from '../../services';

const LABELS: Record<CapabilityName, string> = { rtc: 'RTC', voice: 'Voice', messages: 'Messages' };
const DETAIL: Record<CapabilityName, string> = {
  rtc: 'Client SDK: the event URL, its method, signed callbacks',
  voice: 'Calls: answer, fallback and event URLs, region, signed callbacks, conversations TTL',
  messages: 'Messages API: inbound and status URLs, version',
};

/**
 * Vonage: Edit Application — `{ applicationId, name?, rtc?, voice?, messages? }` → the application as the
 * API returns it. Each capability is an object of the fields to set (rtc: eventUrl, eventMethod,
 * signedCallbacks; voice: answerUrl, answerMethod, fallbackAnswerUrl, eventUrl, eventMethod, region,
 * signedCallbacks, conversationsTtl; messages: inboundUrl, statusUrl, version) or null to remove it.
 * By hand (the pencil on an application or a capability node): which capability, change or remove, then one
 * prompt per field showing the current value. The core reads the application fresh and PUTs it back with
 * only those changes; bad values are refused before sending; a failure offers Try Again with the prompts filled in.
 */
export function registerEditApplication(s: Services): void {
  registerCommand(s.context, 'vonage.editApplication', s, async (arg, inv) => {
    const args = argsOf(arg);
    const baseUrl = s.session.baseUrl;
    let id = applicationIdOf(arg);
    let app: Application | undefined = id ? s.tree.findApplication(id)?.app : undefined;
    const name = optString(args, 'name');
    const given = CAPABILITY_NAMES.filter((c) => args[c] !== undefined);
    let cap: CapabilityName | undefined = arg instanceof CapabilityNode ? arg.capability : given.length === 1 && !inv.scripted ? given[0] : undefined;
    let remove = given.length === 1 && args[given[0]] === null;
    const answers: Fields = {};
    const changes: CapabilityChanges = Object.fromEntries(given.map((c) => [c, args[c]]));
    /** Each application read once per run, fresh: the prompts show what Vonage has now, not what the view loaded a while ago. */
    const fresh = new Map<string, Application>();
    const load = async () => {
      if (!fresh.has(id!)) fresh.set(id!, await (await s.session.applications(baseUrl)).get(id!));
      return fresh.get(id!)!;
    };
    /** The prompts start from the capability's current values, overlaid with what an earlier try typed. */
    const seed = async () => {
      app = await load();
      for (const k of Object.keys(answers)) delete answers[k];
      Object.assign(answers, capabilityFields(app, cap!), args[cap!] ?? {});
    };

    if (!inv.scripted) {
      if (id !== undefined && cap !== undefined) await seed();
      await runWizard('Edit Application', [
        {
          skip: () => id !== undefined,
          run: async (info) => { app = await pickApplication(s, inv, info, 'Which application?'); id = app.id; if (cap) await seed(); },
        },
        {
          skip: () => arg instanceof CapabilityNode || (given.length === 1 && cap !== undefined),
          run: async (info) => { app = await load(); cap = await pickCapability(inv, info, app); await seed(); },
        },
        {
          skip: () => app?.capabilities?.[cap!] === undefined,
          run: async (info) => {
            remove = await inv.ui.pick([
              { label: `$(edit) Change the ${LABELS[cap!]} settings`, value: false },
              { label: `$(trash) Remove the ${LABELS[cap!]} capability`, description: 'its webhooks and settings are deleted at Vonage', value: true },
            ], { ...info, placeholder: `${LABELS[cap!]} of "${app?.name ?? id}"` });
          },
        },
        ...CAPABILITY_NAMES.flatMap((c) => capabilitySteps(inv, c, answers, () => cap !== c || remove)),
      ]);
      changes[cap!] = remove ? null : changedFields(cap!, answers, capabilityFields(app!, cap!));
    }
    if (!id) throw new VonageInputError('Say which application to edit (applicationId).', 'applicationId');
    if (name === undefined && Object.keys(changes).length === 0) {
      throw new VonageInputError('Say what to change: rtc, voice or messages (an object of fields, or null to remove it), or name.');
    }
    const appId = id;
    const label = app?.name ?? appId;
    const updated = await withProgress(`Vonage: updating "${label}"…`, async (signal) => {
      const client = await s.session.applications(baseUrl);
      try {
        return await client.update(appId, { name, capabilities: changes }, signal);
      } catch (e) {
        throw explain(s, e, appId, label, { applicationId: appId, ...(name !== undefined ? { name } : {}), ...changes });
      }
    });
    s.tree.updateApplication(updated);
    s.log.info(`Updated application ${appId} ("${updated.name}"): ${Object.keys(changes).map((c) => `${c} ${changes[c as CapabilityName] === null ? 'removed' : 'changed'}`).join(', ') || 'renamed'}.`);
    if (!inv.scripted) void inv.ui.info(`Application "${updated.name}" updated.`);
    return updated;
  });
}

function pickCapability(inv: Invocation, info: StepInfo, app: Application): Promise<CapabilityName> {
  return inv.ui.pick(CAPABILITY_NAMES.map((c) => {
    const has = app.capabilities?.[c] !== undefined;
    return { label: `${has ? '$(edit)' : '$(add)'} ${LABELS[c]}`, description: has ? 'change or remove' : 'add it', detail: DETAIL[c], value: c };
  }), { ...info, placeholder: `Which capability of "${app.name}"?` });
}

/** The one sentence a failed update deserves, and Try Again (prompts filled in) where trying again can help. */
function explain(s: Services, e: unknown, id: string, label: string, retryArgs: Record<string, unknown>): unknown {
  const err = e as Error & { kind?: string; detail?: string; title?: string; withMessage?: (m: string) => Error };
  if (err.kind === 'notFound') {
    s.tree.removeApplication(id);
    return err.withMessage?.(`Application "${label}" no longer exists at Vonage (404): it was deleted elsewhere, so it was removed from the view.`) ?? e;
  }
  if (err.kind === 'conflict') {
    const why = err.detail ?? err.title;
    const message = `Vonage refused to change "${label}" because of a conflict (409)${why ? `: ${why.replace(/\.$/, '')}` : ''}. Refresh the view and try again.`;
    return offerRetry(err.withMessage?.(message) ?? err, 'vonage.editApplication', retryArgs);
  }
  if (['invalid', 'server', 'timeout', 'network', 'rateLimited', 'badResponse'].includes(err.kind ?? '') || err instanceof VonageInputError) {
    return offerRetry(err, 'vonage.editApplication', retryArgs);
  }
  return e;
}
