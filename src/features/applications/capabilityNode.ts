import vscode = require('vscode');
import { CAPABILITY_NAMES, type CapabilityName } from '../../vonage/capabilities';
import { type ApplicationNode, escape } from './applicationNode';
import { TreeNode } from '../../tree/treeNode';

const LOOK: Record<CapabilityName, { label: string; icon: string }> = {
  rtc: { label: 'RTC', icon: 'broadcast' },
  voice: { label: 'Voice', icon: 'call-outgoing' },
  messages: { label: 'Messages', icon: 'comment' },
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One capability of an application (rtc, voice, messages): its webhooks at a glance; a click opens its editor. */
export class CapabilityNode extends TreeNode {
  constructor(readonly parent: ApplicationNode, readonly capability: CapabilityName) {
    super(LOOK[capability].label, vscode.TreeItemCollapsibleState.None);
    this.id = `cap:${parent.applicationId}:${capability}`;
    this.contextValue = 'vonage.capability';
    this.iconPath = new vscode.ThemeIcon(LOOK[capability].icon);
    const value = parent.app.capabilities?.[capability];
    const lines = isObject(value) ? capabilityLines(value) : [];
    this.description = lines.find((l) => l.startsWith('event_url') || l.startsWith('answer_url') || l.startsWith('inbound_url'))?.replace(/^\w+: /, '');
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${LOOK[capability].label}** of ${escape(parent.app.name)}\n\n`);
    for (const line of lines) md.appendMarkdown(`- ${line.replace(/[\\`*_<>]/g, '\\$&')}\n`);
    md.appendMarkdown('\nClick to edit.');
    this.tooltip = md;
    this.command = { command: 'vonage.editApplication', title: 'Edit Application', arguments: [this] };
  }

  override get applicationId(): string { return this.parent.applicationId; }
}

/** "event_url: POST https://…", "region: eu-west", … for every webhook and setting of a capability. */
export function capabilityLines(value: Json): string[] {
  const out: string[] = [];
  const hooks = isObject(value.webhooks) ? value.webhooks : {};
  for (const [name, hook] of Object.entries(hooks)) {
    if (isObject(hook) && typeof hook.address === 'string') out.push(`${name}: ${typeof hook.http_method === 'string' ? `${hook.http_method} ` : ''}${hook.address}`);
  }
  for (const [key, v] of Object.entries(value)) {
    if (key !== 'webhooks' && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) out.push(`${key}: ${String(v)}`);
  }
  return out;
}

/** The capabilities this extension edits that an application has, in a fixed order. */
export function editableCapabilities(app: { capabilities?: Record<string, unknown> }): CapabilityName[] {
  return CAPABILITY_NAMES.filter((c) => isObject(app.capabilities?.[c]));
}
