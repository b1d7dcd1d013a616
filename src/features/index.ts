import * as vscode from 'vscode';
import type { Services } from '../services';
import { registerAccountFeature } from './account';
import { registerApplicationsFeature } from './applications';
import { registerProjectFeature } from './project';
import { registerSecretsFeature } from './secrets';
import { registerTokensFeature } from './tokens';
import { registerUsersFeature } from './users';

/**
 * Asks every feature to register its commands, providers and tree extensions. The order is the order
 * of an application's children in the view: its capabilities, then its users.
 */
export function registerFeatures(s: Services): void {
  s.context.subscriptions.push(vscode.commands.registerCommand('vonage.showLog', () => s.log.show()));
  registerAccountFeature(s);
  registerApplicationsFeature(s);
  registerUsersFeature(s);
  registerTokensFeature(s);
  registerProjectFeature(s);
  registerSecretsFeature(s);
}
