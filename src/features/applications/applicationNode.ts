import vscode = require('vscode');
import type { Application } from '../../vonage';
import { TreeNode } from '../../tree/treeNode';

/**
 * One Vonage application: name, short id, key or warning icon, and a tooltip with everything, built when
 * the row is hovered (resolveTooltip, through the tree's resolveTreeItem): a Refresh of 1,000 applications
 * neither builds nor sends 1,000 tooltips.
 */
export class ApplicationNode extends TreeNode {
  readonly parent = undefined;

  constructor(public app: Application, public hasKey: boolean) {
    super(app.name, vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `app:${app.id}`;
    this.update();
  }

  override get applicationId(): string { return this.app.id; }

  /** Re-derives label, icon and context value from the application and key state; the tooltip is built again on the next hover. */
  update(): void {
    const app = this.app;
    this.label = app.name;
    const caps = capabilityNames(app);
    this.description = caps.length ? `${caps.join(' · ')} — ${app.id.slice(0, 8)}` : app.id.slice(0, 8);
    this.contextValue = this.hasKey ? 'vonage.application.key' : 'vonage.application.nokey';
    this.iconPath = this.hasKey
      ? new vscode.ThemeIcon('key')
      : new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
    this.tooltip = undefined;
  }

  /** The tooltip, built from what the node holds now. */
  resolveTooltip(): void {
    this.tooltip ??= applicationTooltip(this.app, this.hasKey);
  }
}

export function capabilityNames(app: Application): string[] {
  return Object.keys(app.capabilities ?? {}).filter((k) => app.capabilities?.[k]);
}

export function webhookUrls(app: Application): { name: string; address: string; method: string }[] {
  const out: { name: string; address: string; method: string }[] = [];
  for (const [cap, value] of Object.entries(app.capabilities ?? {})) {
    const hooks = (value as { webhooks?: Record<string, unknown> } | undefined)?.webhooks;
    if (!hooks || typeof hooks !== 'object') continue;
    for (const [name, hook] of Object.entries(hooks)) {
      const h = hook as { address?: unknown; http_method?: unknown } | undefined;
      if (h && typeof h.address === 'string') out.push({ name: `${cap} ${name}`, address: h.address, method: typeof h.http_method === 'string' ? h.http_method : '' });
    }
  }
  return out;
}

function applicationTooltip(app: Application, hasKey: boolean): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(app.name)}**\n\n`);
  md.appendMarkdown(`Application ID: \`${app.id}\`\n\n`);
  const caps = capabilityNames(app);
  md.appendMarkdown(`Capabilities: ${caps.length ? caps.join(', ') : 'none'}\n\n`);
  const hooks = webhookUrls(app);
  if (hooks.length) {
    md.appendMarkdown('Webhooks:\n');
    for (const h of hooks) md.appendMarkdown(`- ${h.name}: ${h.method} \`${h.address}\`\n`);
    md.appendMarkdown('\n');
  }
  md.appendMarkdown(hasKey
    ? '$(key) This VS Code holds the private key.'
    : '$(warning) This VS Code does not hold the private key: import it to manage users and generate JWTs.');
  return md;
}

/** Escapes Markdown punctuation in a name shown in a tooltip. */
export function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
