import type * as vscode from 'vscode';
import type * as Main from '../main';
import type { DeferredCommands } from './deferredCommands';
import type { Shell } from './shell';

/**
 * Loads the features (dist/main.js: the core, node-fetch, jsonwebtoken, git, the scanners) on first
 * need, synchronously, once: a command run, a Vonage view shown, a document opened, the test API read.
 */
export class FeatureLoader {
  private loaded?: Main.LoadedFeatures;
  private failure?: Error;
  /** How long loading took (requiring dist/main.js and starting the features), once loaded. */
  loadMs?: number;

  constructor(private readonly context: vscode.ExtensionContext, private readonly shell: Shell, private readonly standIns: DeferredCommands) {}

  get isLoaded(): boolean { return this.loaded !== undefined; }

  features(): Main.LoadedFeatures {
    if (this.loaded) return this.loaded;
    if (this.failure !== undefined) throw this.failure; // half-registered features are not loaded twice
    const start = performance.now();
    this.standIns.dispose();
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the second bundle, beside this one (esbuild.js keeps the require as is)
      const main = require('./main.js') as typeof Main;
      this.loaded = main.startFeatures(this.context, this.shell);
      this.loadMs = performance.now() - start;
      this.loaded.services.log.info(`Loaded the features in ${this.loadMs.toFixed(1)} ms.`);
      return this.loaded;
    } catch (e) {
      this.failure = e instanceof Error ? e : new Error(String(e));
      this.shell.channel.error('Loading the Vonage features failed', this.failure);
      throw this.failure;
    }
  }
}
