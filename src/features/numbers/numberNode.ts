import vscode = require('vscode');
import type { OwnedNumber } from '../../vonage/numbers';
import { formatMsisdn } from '../../vonage/numbers';
import { TreeNode } from '../../tree/treeNode';

/** One owned number: formatted for a person, with its country, type, features and linked application. */
export class NumberNode extends TreeNode {
  constructor(readonly parent: TreeNode | undefined, readonly number: OwnedNumber, applicationName: (id: string) => string | undefined) {
    super(formatMsisdn(number.msisdn), vscode.TreeItemCollapsibleState.None);
    this.id = `${parent ? `${String(parent.id)}/` : ''}number:${number.msisdn}`;
    const linkedTo = number.applicationId && (applicationName(number.applicationId) ?? number.applicationId.slice(0, 8));
    const showLink = linkedTo && !parent; // under its application, the link goes without saying
    this.description = [number.country, typeWords(number.type), number.features.join(', '), showLink && `→ ${linkedTo}`].filter(Boolean).join(' · ');
    this.contextValue = number.applicationId ? 'vonage.number.linked' : 'vonage.number.unlinked';
    this.iconPath = new vscode.ThemeIcon(number.applicationId ? 'call-incoming' : 'device-mobile');
    this.tooltip = numberTooltip(number, linkedTo || undefined);
  }

  get msisdn(): string { return this.number.msisdn; }

  /** A number under an application is about that application; one in the Numbers view about the one it is linked to. */
  override get applicationId(): string | undefined {
    return this.parent?.applicationId ?? this.number.applicationId;
  }
}

function typeWords(type: string | undefined): string | undefined {
  if (type === 'mobile-lvn') return 'mobile';
  if (type === 'landline-toll-free') return 'toll-free';
  return type;
}

function numberTooltip(n: OwnedNumber, linkedTo: string | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${formatMsisdn(n.msisdn)}** (${n.country})\n\n`);
  md.appendMarkdown(`Type: ${n.type ?? 'unknown'} · Features: ${n.features.join(', ') || 'none'}\n\n`);
  md.appendMarkdown(linkedTo ? `Linked to application ${linkedTo.replace(/[\\`*_[\]<>]/g, '\\$&')} (\`${n.applicationId ?? ''}\`)\n\n` : 'Not linked to an application\n\n');
  if (n.moHttpUrl) md.appendMarkdown(`Inbound SMS webhook: \`${n.moHttpUrl.replace(/`/g, '%60')}\`\n\n`);
  if (n.voiceCallbackType && n.voiceCallbackType !== 'app') md.appendMarkdown(`Voice forwarded to ${n.voiceCallbackType}: \`${(n.voiceCallbackValue ?? '').replace(/`/g, '%60')}\`\n\n`);
  return md;
}
