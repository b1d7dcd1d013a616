import type { Services } from '../../services';
import { type Invocation, registerCommand } from '../../ui/commandWrapper';
import { argsOf, optBoolean } from '../../ui/args';
import { withProgress } from '../../ui/progress';
import { VonageInputError } from '../../vonage/errors';
import { applicationIdOf } from '../applications/applicationArgs';
import { webhookLabel } from '../../vonage/webhooks/routing';
import type { RoutedApplication } from './routedApplications';
import { type RestoreOutcome, labelList } from './webhookRouter';
import type { WebhooksFeature } from './webhooksFeature';

/**
 * Vonage: Restore Webhooks — `{applicationId, force?}` → `{restored: true}` or `{restored: false, reason, putBack?}`.
 * Puts back the addresses routing changed. One changed elsewhere since is left as it is (the others go back
 * all the same, `putBack`): the reason, and by hand a choice (put it back anyway, or keep it as it is and forget
 * its saved original). `force: true` puts them all back anyway.
 */
export function registerRestoreWebhooks(s: Services, w: WebhooksFeature): void {
  registerCommand(s.context, 'vonage.restoreWebhooks', s, async (arg, inv) => {
    const args = argsOf(arg);
    const force = optBoolean(args, 'force') ?? false;
    const entry = await entryFor(s, w, inv, applicationIdOf(arg));
    const outcome = await withProgress(`Vonage: putting back the webhooks of "${entry.applicationName}"…`, (signal) => w.router.restore(entry, { force, signal }));
    if (outcome.restored) {
      if (!inv.scripted) void inv.ui.info(restoredSentence(entry, outcome));
      return { restored: true };
    }
    const putBack = outcome.putBack.length ? { putBack: outcome.putBack } : {};
    if (inv.scripted) return { restored: false, reason: outcome.reason, ...putBack };
    return { ...await choose(w, inv, entry, outcome.reason), ...putBack };
  });
}

/** The routed application a command is about: the one named (routed from this window's account), or one picked. */
async function entryFor(s: Services, w: WebhooksFeature, inv: Invocation, id: string | undefined): Promise<RoutedApplication> {
  const mine = [...w.routes.ownedHere(), ...w.routes.leftBehind()].filter((r) => r.baseUrl === s.session.baseUrl);
  if (id) {
    const found = mine.find((r) => r.applicationId === id);
    if (!found) throw new VonageInputError(`Nothing is saved for application ${id}: its webhooks were not routed to this editor.`, 'applicationId');
    return found;
  }
  if (inv.scripted) throw new VonageInputError('Say which application\'s webhooks to put back (applicationId).', 'applicationId');
  if (mine.length === 0) throw new VonageInputError('No application\'s webhooks are routed to this editor.');
  return inv.ui.pick(mine.map((r) => ({ label: r.applicationName, description: r.applicationId, detail: `routed to ${r.publicUrl}`, value: r })), { title: 'Restore Webhooks', placeholder: 'Whose webhooks should go back?' });
}

export function restoredSentence(entry: RoutedApplication, outcome: RestoreOutcome & { restored: true }): string {
  if (outcome.note === 'deleted') return `Application "${entry.applicationName}" was deleted meanwhile: nothing to put back.`;
  if (outcome.note === 'already') return `The webhooks of "${entry.applicationName}" already had their own addresses again.`;
  return `The webhooks of "${entry.applicationName}" are back to their own addresses.`;
}

/**
 * Changed elsewhere (what nobody changed is back already): put the changed addresses back anyway, or keep them as
 * they are now (their saved originals forgotten, and said which), or leave them saved for later.
 */
async function choose(w: WebhooksFeature, inv: Invocation, entry: RoutedApplication, reason: string): Promise<{ restored: boolean; reason?: string }> {
  const anyway = 'Put Back Anyway';
  const keep = 'Keep It as It Is';
  const saved = w.routes.find(entry.baseUrl, entry.apiKey, entry.applicationId)?.webhooks ?? entry.webhooks;
  const before = saved.map((s) => `${webhookLabel(s.webhook)}: ${s.original ?? '(none)'}`).join(', ');
  const choice = await inv.ui.warn(`${reason} Put back what ${saved.length === 1 ? 'it' : 'they'} had before the routing (${before}) anyway?`, anyway, keep);
  if (choice === anyway) {
    await withProgress(`Vonage: putting back the webhooks of "${entry.applicationName}"…`, (signal) => w.router.restore(entry, { force: true, signal }));
    void inv.ui.info(`The webhooks of "${entry.applicationName}" are back to their own addresses.`);
    return { restored: true };
  }
  if (choice === keep) {
    const kept = await w.router.keep(entry);
    const what = labelList(kept.map((k) => k.webhook));
    void inv.ui.info(`Kept the ${what} of "${entry.applicationName}" as ${kept.length === 1 ? 'it is' : 'they are'} now; forgot the address${kept.length === 1 ? '' : 'es'} from before the routing (${kept.map((k) => k.original ?? '(none)').join(', ')}). Nothing of it points at this editor any more.`);
  }
  return { restored: false, reason };
}
