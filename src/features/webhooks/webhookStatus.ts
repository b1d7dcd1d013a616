import vscode = require('vscode');
import type { WebhookHost } from './webhookHost';

/** The status-bar item while the webhook server runs: the callbacks since it started; a click opens the Webhooks view. */
export class WebhookStatus implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('vonage.webhooks', vscode.StatusBarAlignment.Left, 9);
  private readonly sub: vscode.Disposable;

  constructor(private readonly host: WebhookHost) {
    this.item.name = 'Vonage Webhooks';
    this.item.command = 'vonage.webhooks.focus';
    this.sub = host.onDidChange(() => this.update());
  }

  dispose(): void {
    this.sub.dispose();
    this.item.dispose();
  }

  private update(): void {
    const server = this.host.running;
    if (!server) { this.item.hide(); return; }
    const n = this.host.callbackCount;
    this.item.text = `$(broadcast) Webhooks ${n}`;
    const base = this.host.publicBase;
    const reach = base && base !== server.url ? `\nVonage calls it at ${base}${this.host.tunnel ? ` (${this.host.tunnel.program})` : ''}.` : '';
    this.item.tooltip = `Vonage webhook server on ${server.url}, ${this.host.describe()}.${reach}\n${n} callback${n === 1 ? '' : 's'} since it started. Click to open the Webhooks view.`;
    this.item.show();
  }
}
