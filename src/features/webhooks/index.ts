import vscode = require('vscode');
import type { Services } from '../../services';
import { SignatureSecrets } from '../../credentials/signatureSecrets';
import { setContextKey } from '../../ui/contextKeys';
import { registerCallbackActions } from './callbackActions';
import { CALLBACK_SCHEME, CallbackDocuments } from './callbackDocuments';
import { CallbackLog } from './callbackLog';
import { LeftBehindRecovery } from './recovery';
import { registerListWebhookRequests } from './listWebhookRequests';
import { registerRestoreWebhooks } from './restoreWebhooks';
import { HEARTBEAT_MS, RoutedApplications } from './routedApplications';
import { registerRouteWebhooks } from './routeWebhooks';
import { registerSetSignatureSecret } from './setSignatureSecret';
import { registerStartWebhooks } from './startWebhooks';
import { putBackAll, registerStopWebhooks } from './stopWebhooks';
import { WebhookHost } from './webhookHost';
import { WebhookRouter } from './webhookRouter';
import type { WebhooksFeature } from './webhooksFeature';
import { WebhooksTree } from './webhooksTree';
import { WebhookStatus } from './webhookStatus';

/** Whether the webhook server runs: Start or Stop in the Webhooks view's title. */
export const WEBHOOKS_RUNNING_CONTEXT = 'vonage:webhooksRunning';

/**
 * Webhooks: the loopback webhook server (answering from the NCCO file or forwarding to your server), routing
 * an application's webhooks to it and back, a URL Vonage can reach (tunnels), the Webhooks view (the
 * inspector), signature checks. Applications left routed by a window that is gone are put back now.
 */
export function registerWebhooksFeature(s: Services): WebhooksFeature {
  const routes = new RoutedApplications(s.context.globalState);
  const callbacks = new CallbackLog(s.context.workspaceState);
  const secrets = new SignatureSecrets(s.context.secrets, s.log);
  const host = new WebhookHost(s, routes, callbacks, secrets);
  const tree = new WebhooksTree(callbacks, s.log);
  const view = vscode.window.createTreeView('vonage.webhooks', { treeDataProvider: tree });
  tree.view = view;
  const documents = new CallbackDocuments(callbacks);
  const w: WebhooksFeature = {
    host, routes, callbacks, tree, view, secrets, router: new WebhookRouter(s, routes),
    recoverLeftBehind: () => recovery.run(),
  };
  const recovery = new LeftBehindRecovery(s, w);
  host.onTunnelDied = (program, url, exit) => { void tunnelDied(s, w, program, url, exit.code); };
  s.context.subscriptions.push(
    callbacks, secrets, host, tree, view, new WebhookStatus(host),
    callbacks.onDidChange(() => tree.refresh()),
    host.onDidChange(() => {
      view.description = host.running ? `${host.running.url.replace('http://', '')} · ${host.describe()}` : undefined;
      void setContextKey(WEBHOOKS_RUNNING_CONTEXT, host.running !== undefined);
    }),
    vscode.workspace.registerTextDocumentContentProvider(CALLBACK_SCHEME, documents),
    vscode.languages.registerCodeLensProvider({ scheme: CALLBACK_SCHEME }, documents),
  );
  registerStartWebhooks(s, w);
  registerStopWebhooks(s, w);
  registerRouteWebhooks(s, w);
  registerRestoreWebhooks(s, w);
  registerListWebhookRequests(s, w);
  registerSetSignatureSecret(s, secrets);
  registerCallbackActions(s, w);
  s.context.subscriptions.push(recovery.runSoon(), heartbeat(routes));
  return w;
}

/**
 * While this window has applications routed to it, it says it is alive every HEARTBEAT_MS (so another window can
 * tell it from a crashed one whose process id was reused); closing, it stops saying so at once.
 */
function heartbeat(routes: RoutedApplications): vscode.Disposable {
  const timer = setInterval(() => { if (routes.ownedHere().length) void routes.beat(); }, HEARTBEAT_MS);
  timer.unref();
  return { dispose: () => { clearInterval(timer); void routes.stopBeating(); } };
}

/** The tunnel died: said at once; then the applications routed through it are put back, and that is said. */
async function tunnelDied(s: Services, w: WebhooksFeature, program: string, url: string, code: number | null): Promise<void> {
  const through = w.routes.ownedHere().filter((r) => r.publicUrl === url);
  const how = code !== null ? `exit code ${code}` : 'it was ended';
  const names = (list: readonly { applicationName: string }[]) => list.map((e) => `"${e.applicationName}"`).join(', ');
  void s.ui().warn(`Vonage: ${program} stopped (${how}): Vonage can no longer reach this editor through ${url}.${through.length ? ` Putting the webhooks of ${names(through)} back.` : ''}`);
  if (!through.length) return;
  const result = await putBackAll(s, w, through);
  if (result.restored.length) void s.ui().info(`Vonage: the webhooks of ${names(result.restored)} are back to their own addresses.`);
  if (result.notRestored.length) void s.ui().warn(`Vonage: ${result.notRestored.map((n) => n.reason).join(' ')}`);
}
