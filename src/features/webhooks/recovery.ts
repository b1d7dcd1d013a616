import vscode = require('vscode');
import type { Services } from '../../services';
import type { RoutedApplication } from './routedApplications';
import { putBackAll } from './stopWebhooks';
import type { WebhooksFeature } from './webhooksFeature';

/**
 * When the extension starts: the applications a window that closed or crashed left pointing at its (now gone)
 * webhook server are put back, and it is said. Those changed elsewhere meanwhile are left as they are (what nobody
 * changed still goes back) and said, once, with Restore Webhooks (which offers the choice).
 */
export class LeftBehindRecovery {
  /** Entries already tried in this window: not tried (nor said) again. */
  private readonly tried = new Set<string>();

  constructor(private readonly s: Services, private readonly w: WebhooksFeature) {}

  /** Puts back what was left behind and not tried yet; returns the ids put back. */
  async run(): Promise<string[]> {
    const left = this.w.routes.leftBehind().filter((r) => !this.tried.has(keyOf(r)));
    if (left.length === 0) return [];
    for (const r of left) this.tried.add(keyOf(r));
    this.s.log.info(`${left.length} application${left.length === 1 ? ' was' : 's were'} left routed to a webhook server of a window that is gone: putting ${left.length === 1 ? 'it' : 'them'} back.`);
    const result = await putBackAll(this.s, this.w, left);
    const ui = this.s.ui();
    if (result.restored.length) {
      const names = result.restored.map((e) => `"${e.applicationName}"`).join(', ');
      void ui.info(`Vonage: a window closed while the webhooks of ${names} pointed at it; they are back to their own addresses.`);
    }
    if (result.notRestored.length) {
      const restore = 'Restore Webhooks…';
      void ui.warn(`Vonage: a window closed while webhooks pointed at it, and they could not all be put back. ${result.notRestored.map((n) => n.reason).join(' ')}`, restore)
        .then((c) => c === restore ? vscode.commands.executeCommand('vonage.restoreWebhooks') : undefined)
        .then(undefined, (e: unknown) => this.s.log.error('Restore Webhooks failed', e));
    }
    return result.restored.map((e) => e.applicationId);
  }

  /**
   * Runs now, and again over the next minute while other windows' entries not tried yet remain: after a reload the
   * old extension host may still be on its way out when this one starts, and a window whose process id was taken
   * by another program is known gone only once its heartbeat is stale (HEARTBEAT_STALE_MS). A window that is
   * still open keeps its own.
   */
  runSoon(): vscode.Disposable {
    const delays = [0, 2000, 4000, 8000, 16000, 32000];
    let timer: NodeJS.Timeout | undefined;
    const next = () => {
      const delay = delays.shift();
      if (delay === undefined) return;
      timer = setTimeout(() => {
        this.run()
          .catch((e: unknown) => this.s.log.error('Putting back webhooks left routed by a closed window failed', e))
          .finally(() => { if (this.othersUntried()) next(); });
      }, delay);
    };
    next();
    return { dispose: () => clearTimeout(timer) };
  }

  private othersUntried(): boolean {
    return this.w.routes.all().some((r) => r.owner !== this.w.routes.owner && !this.tried.has(keyOf(r)));
  }
}

/** One routing of one application by one window. */
function keyOf(r: RoutedApplication): string {
  return [r.owner, r.baseUrl, r.apiKey, r.applicationId, r.routedAt].join('\n');
}
