import vscode = require('vscode');
import type { Services } from '../../services';
import { type Invocation, registerCommand } from '../../ui/commandWrapper';
import { argsOf, optBoolean, optString } from '../../ui/args';
import { withProgress } from '../../ui/progress';
import { VonageInputError } from '../../vonage/errors';
import { type RoutableWebhook, type WebhookChange, checkedWebhookNames } from '../../vonage/webhooks/routing';
import { applicationIdOf, pickApplication } from '../applications/applicationArgs';
import { reachableBase } from './reachableUrl';
import { activeAccount } from './webhookArgs';
import { type AccountRef, changeLines } from './webhookRouter';
import type { WebhooksFeature } from './webhooksFeature';

/**
 * Vonage: Route Webhooks Here — `{applicationId, publicUrl?, webhooks?, tunnel?}` → `{changed: [{webhook, from,
 * to}]}`. Points the application's webhooks (by default the voice answer and event URLs, the fallback answer URL
 * when it has one, the rtc event URL) at the webhook server, started if it is not running, through a URL
 * Vonage can reach (see reachableUrl.ts; `tunnel: true` always through the tunnel program, false never). The
 * application is read fresh; only those addresses change; the originals are saved (global state, no secrets)
 * before the change is sent. By hand the change is shown first and asked for, saying what the server does with
 * the callbacks (and that it starts now); a server started for a routing that does not happen stops again.
 */
export function registerRouteWebhooks(s: Services, w: WebhooksFeature): void {
  registerCommand(s.context, 'vonage.routeWebhooks', s, async (arg, inv) => {
    const args = argsOf(arg);
    const account = await activeAccount(s);
    const publicUrl = optString(args, 'publicUrl');
    const tunnel = optBoolean(args, 'tunnel');
    const webhooks = args.webhooks === undefined ? undefined : checkedWebhookNames(args.webhooks);
    let id = applicationIdOf(arg);
    if (!id && !inv.scripted) id = (await pickApplication(s, inv, { title: 'Route Webhooks Here' }, 'Whose webhooks should come to this editor?')).id;
    if (!id) throw new VonageInputError('Say which application to route here (applicationId).', 'applicationId');
    const startsServer = !w.host.running;
    if (startsServer) await w.host.start();
    try {
      return await route(s, w, inv, { account, applicationId: id, publicUrl, tunnel, webhooks, startsServer });
    } catch (e) {
      if (startsServer && w.routes.ownedHere().length === 0) await w.host.stop(); // started for this routing, which did not happen
      throw e;
    }
  });
}

interface RouteRequest { account: AccountRef; applicationId: string; publicUrl?: string; tunnel?: boolean; webhooks?: RoutableWebhook[]; startsServer: boolean }

/** Finds the URL Vonage can reach, reads the application, shows the change (by hand) and makes it. */
async function route(s: Services, w: WebhooksFeature, inv: Invocation, r: RouteRequest): Promise<{ changed: WebhookChange[] }> {
  const { url: base } = await reachableBase(s, w.host, inv, r.account.baseUrl, { given: r.publicUrl, tunnel: r.tunnel });
  const { app, plan } = await withProgress('Vonage: reading the application…', (signal) => w.router.plan(r.account, r.applicationId, base, r.webhooks, signal));
  if (plan.changed.length === 0) {
    if (!inv.scripted) void inv.ui.info(`The webhooks of "${app.name}" already come to this editor (${base}).`);
    return { changed: [] };
  }
  if (!inv.scripted) await confirm(inv, app.name, plan.changed, serverSentence(w, r.startsServer));
  const changed = await withProgress(`Vonage: routing the webhooks of "${app.name}" here…`, (signal) => w.router.route(r.account, app, plan, base, signal));
  if (!inv.scripted) void inv.ui.info(`The webhooks of "${app.name}" now come to this editor (${base}); stopping the webhook server puts them back.`);
  return { changed };
}

/** What the webhook server will do with the callbacks, and that it starts now when it was not running. */
function serverSentence(w: WebhooksFeature, startsServer: boolean): string {
  const server = w.host.running!;
  if (!startsServer) return `The webhook server on ${server.url} is ${w.host.describe()}.`;
  return `The webhook server is not running: it starts now on ${server.url} and answers from ${w.host.nccoFile().name} (Start Webhook Server first to forward to your own server instead).`;
}

/** The change shown before it is made; anything but "Route Here" changes nothing. */
async function confirm(inv: Invocation, name: string, changed: readonly WebhookChange[], server: string): Promise<void> {
  const go = 'Route Here';
  const detail = `${changeLines(changed).join('\n')}\n\n${server}\n\nMethods, timeouts and everything else stay. The addresses are saved first and put back when you stop the webhook server (or at the next start, should this window close).`;
  if (await inv.ui.confirm(`Point the webhooks of "${name}" at this editor?`, detail, go) !== go) throw new vscode.CancellationError();
}
