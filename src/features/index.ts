import vscode = require('vscode');
import type { Services } from '../services';
import { registerAccountFeature } from './account';
import { registerCallsFeature } from './calls';
import type { CallsFeature } from './calls/callsFeature';
import { registerApplicationsFeature } from './applications';
import { type ConversationsFeature, registerConversationsFeature } from './conversations';
import { registerEndpointFeature } from './endpoint';
import { registerNumbersFeature } from './numbers';
import type { NumbersFeature } from './numbers/numbersFeature';
import { registerProjectFeature } from './project';
import { registerSecretsFeature } from './secrets';
import { registerTokensFeature } from './tokens';
import { registerUsersFeature } from './users';
import { registerWebhooksFeature } from './webhooks';
import type { WebhooksFeature } from './webhooks/webhooksFeature';

/** What a feature made that the test API hands out (the rest is reached through the commands). */
export interface FeatureHandles {
  readonly numbers: NumbersFeature;
  readonly conversations: ConversationsFeature;
  readonly calls: CallsFeature;
  readonly webhooks: WebhooksFeature;
}

/**
 * Asks every feature to register its commands, providers and tree extensions. The order is the order
 * of an application's children in the view: its capabilities, its numbers, its conversations, its calls,
 * its users (a long list, last).
 */
export function registerFeatures(s: Services): FeatureHandles {
  s.context.subscriptions.push(vscode.commands.registerCommand('vonage.showLog', () => s.log.show()));
  registerAccountFeature(s);
  registerApplicationsFeature(s);
  const numbers = registerNumbersFeature(s);
  const conversations = registerConversationsFeature(s);
  const calls = registerCallsFeature(s, { numbers, conversations });
  registerUsersFeature(s);
  registerTokensFeature(s);
  registerProjectFeature(s);
  registerSecretsFeature(s);
  registerEndpointFeature(s);
  const webhooks = registerWebhooksFeature(s);
  s.context.subscriptions.push(webhooks.callbacks.onDidChange(() => calls.calls.live.poke())); // a callback recorded: the live calls are read now
  return { numbers, conversations, calls, webhooks };
}
