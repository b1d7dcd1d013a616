import vscode = require('vscode');
import { type Call, type CallStatus, endpointLabel, isLive } from '../../vonage/voice';
import { TreeNode } from '../../tree/treeNode';
import type { ApplicationNode } from '../applications/applicationNode';

/** "Calls" under an application: the Voice API's calls made with it, newest first, read page by page when expanded. */
export class CallsGroupNode extends TreeNode {
  constructor(readonly parent: ApplicationNode) {
    super('Calls', vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `calls:${parent.applicationId}`;
    this.contextValue = 'vonage.calls';
    this.iconPath = new vscode.ThemeIcon('call-outgoing');
    this.tooltip = "The application's calls (Voice API), newest first. Click one to open its conversation's events.";
  }

  override get applicationId(): string { return this.parent.applicationId; }

  /** How many live calls the row says. */
  liveShown = 0;

  /** "2 live" while calls are in progress, nothing otherwise. */
  showLive(live: number): void {
    this.liveShown = live;
    this.description = live ? `${live} live` : undefined;
  }
}

/** How a status looks: in progress (ringing yellow, connected green) or over (completed plain, failed red, the rest greyed). */
const LOOKS: Record<CallStatus, [icon: string, color?: string]> = {
  started: ['bell-dot', 'charts.yellow'],
  ringing: ['bell-dot', 'charts.yellow'],
  answered: ['call', 'testing.iconPassed'], // 'call': call-outgoing or call-incoming, by the call's direction
  machine: ['call', 'testing.iconPassed'],
  completed: ['pass'],
  failed: ['error', 'errorForeground'],
  busy: ['circle-slash', 'disabledForeground'],
  cancelled: ['circle-slash', 'disabledForeground'],
  rejected: ['circle-slash', 'disabledForeground'],
  timeout: ['circle-slash', 'disabledForeground'],
  unanswered: ['circle-slash', 'disabledForeground'],
};

/** One call: from → to; status, direction, start time and duration; live calls have their own icon and Hang Up. */
export class CallNode extends TreeNode {
  constructor(readonly parent: CallsGroupNode, readonly call: Call) {
    super(callTitle(call), vscode.TreeItemCollapsibleState.None);
    this.id = `call:${parent.applicationId}:${call.uuid}`;
    const live = isLive(call.status);
    this.contextValue = live ? 'vonage.call.live' : 'vonage.call.ended';
    const [look, color] = LOOKS[call.status] ?? ['question'];
    this.iconPath = new vscode.ThemeIcon(look === 'call' ? directionIcon(call) : look, color ? new vscode.ThemeColor(color) : undefined);
    this.description = [call.status, call.direction, startedAt(call.startTime), duration(call.durationSeconds)].filter(Boolean).join(' · ');
    this.tooltip = callTooltip(call, parent.parent.app.name);
    this.command = { command: 'vonage.openCallEvents', title: 'Show Call Events', arguments: [this] };
  }

  get uuid(): string { return this.call.uuid; }
}

/** "Load more…" under "Calls" while the API counts more calls than are shown. */
export class LoadMoreCallsNode extends TreeNode {
  constructor(readonly parent: CallsGroupNode, readonly shown: number) {
    super('Load more…', vscode.TreeItemCollapsibleState.None);
    this.id = `more-calls:${parent.applicationId}:${shown}`;
    this.contextValue = 'vonage.loadMore';
    this.iconPath = new vscode.ThemeIcon('ellipsis');
    this.command = { command: 'vonage.loadMoreCalls', title: 'Load More Calls', arguments: [this] };
  }
}

/**
 * "alice (app) → +44 7700 900000". A call Vonage gives no caller for was placed by the application itself: "→ alice (app)"
 * (its name on every row would make the rows look alike in a narrow sidebar; the tooltip names it).
 */
export function callTitle(call: Call): string {
  return `${call.from ? `${endpointLabel(call.from)} ` : ''}→ ${call.to ? endpointLabel(call.to) : 'unknown'}`;
}

/** call-incoming or call-outgoing, by the call's direction. */
export function directionIcon(call: Call): string {
  return call.direction === 'inbound' ? 'call-incoming' : 'call-outgoing';
}

/** The start in local time: the time of day today, the date and time otherwise. */
function startedAt(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const t = new Date(iso);
  const today = new Date().toDateString() === t.toDateString();
  return today ? t.toLocaleTimeString() : t.toLocaleString();
}

/** "0:42", "12:05", "1:02:03". */
function duration(seconds: number | undefined): string | undefined {
  if (seconds === undefined) return undefined;
  const s = Math.max(0, Math.round(seconds));
  const [h, m, sec] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
}

function callTooltip(call: Call, applicationName: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  const line = (label: string, value: string | undefined) => { if (value) md.appendText(`${label}: ${value}\n\n`); };
  line('From', call.from ? endpointLabel(call.from) : `${applicationName} (the application)`);
  line('To', call.to ? endpointLabel(call.to) : undefined);
  line('Status', `${call.status}${isLive(call.status) ? ' (in progress)' : ''}`);
  line('Direction', call.direction);
  line('Started', call.startTime && new Date(call.startTime).toLocaleString());
  line('Ended', call.endTime && new Date(call.endTime).toLocaleString());
  line('Duration', duration(call.durationSeconds));
  line('Price', call.price && `${call.price}${call.rate ? ` (${call.rate} a minute)` : ''}`);
  md.appendMarkdown(`Call UUID: \`${call.uuid}\`\n\nConversation: \`${call.conversationUuid}\``);
  return md;
}
