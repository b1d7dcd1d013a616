// The second bundle (dist/main.js): every feature, the core, node-fetch, jsonwebtoken, git, the scanners.
// activate() (src/extension.ts, dist/extension.js) only registers stand-ins; src/activation/featureLoader.ts
// requires this file on first need and calls startFeatures().
import type * as vscode from 'vscode';
import type { Shell } from './activation/shell';
import { type FeatureHandles, registerFeatures } from './features';
import { createServices, type Services } from './services';
import { clearContextKey, contextKeyValue } from './ui/contextKeys';

/** The loaded features: the services they share and the handles the test API hands out. */
export interface LoadedFeatures {
  readonly services: Services;
  readonly handles: FeatureHandles;
  /** The context keys the features set (this bundle holds their values). */
  readonly contextKeys: { value(key: string): unknown; clear(key: string): Promise<void> };
}

/** Builds the services and registers every feature's commands, providers and tree extensions. */
export function startFeatures(context: vscode.ExtensionContext, shell: Shell): LoadedFeatures {
  const services = createServices(context, shell);
  const handles = registerFeatures(services);
  return { services, handles, contextKeys: { value: contextKeyValue, clear: clearContextKey } };
}
