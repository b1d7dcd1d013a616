import vscode = require('vscode');
import type { Services } from '../../services';
import { registerCommand } from '../../ui/commandWrapper';
import { argsOf, optString } from '../../ui/args';
import { runWizard } from '../../ui/prompts';
import { checkedForwardTarget } from '../../vonage/webhooks/forwarder';
import { optPort } from './webhookArgs';
import type { WebhooksFeature } from './webhooksFeature';

/**
 * Vonage: Start Webhook Server — `{port?, forwardTo?}` → `{url, port}`. On 127.0.0.1 (a free port unless
 * one is given); callbacks are forwarded to `forwardTo` (your server on this machine) or answered from the
 * workspace's NCCO file. By hand: which of the two (and your server's address). A port in use or a forward
 * target that refuses: one sentence, nothing started, nothing changed at Vonage.
 */
export function registerStartWebhooks(s: Services, w: WebhooksFeature): void {
  registerCommand(s.context, 'vonage.startWebhooks', s, async (arg, inv) => {
    const args = argsOf(arg);
    const port = optPort(args);
    let forwardTo = optString(args, 'forwardTo');
    const alreadyRunning = w.host.running;
    if (!inv.scripted && !alreadyRunning && forwardTo === undefined) {
      let forward = false;
      await runWizard('Start Webhook Server', [
        {
          run: async (info) => {
            forward = await inv.ui.pick([
              { label: `$(file-code) Answer from ${w.host.nccoFile().name}`, description: 'the workspace\'s NCCO file, {{from}}, {{to}}… filled in', value: false },
              { label: '$(arrow-right) Forward to my server…', description: 'your own backend on this machine answers, as in production', value: true },
            ], { ...info, placeholder: 'How should the webhook server answer Vonage?' });
          },
        },
        {
          skip: () => !forward,
          run: async (info) => {
            forwardTo = await inv.ui.input({
              ...info, prompt: 'Your server\'s address on this machine', value: 'http://localhost:3000',
              validate: (v) => { try { checkedForwardTarget(v); return undefined; } catch (e) { return (e as Error).message; } },
            });
          },
        },
      ]);
    }
    const server = await w.host.start({ port, forwardTo: forwardTo === undefined ? undefined : checkedForwardTarget(forwardTo) });
    if (!inv.scripted) {
      const route = 'Route Webhooks Here';
      const said = alreadyRunning ? `The webhook server already runs on ${server.url}, ${w.host.describe()}.` : `Vonage webhook server on ${server.url}, ${w.host.describe()}. Route an application here to get its callbacks.`;
      void inv.ui.info(said, route).then((choice) => choice === route ? vscode.commands.executeCommand('vonage.routeWebhooks') : undefined);
    }
    return { url: server.url, port: server.port };
  }, { worksSignedOut: true });
}
