import vscode = require('vscode');
import { ComposedTree } from '../../tree/composedTree';
import { TreeNode } from '../../tree/treeNode';
import { type CallbackRecord, callbackFields, callbackSummary, callKey, fromTo } from '../../vonage/webhooks/callbacks';
import type { CallbackLog } from './callbackLog';

/** The signature as the view shows it: ✓ valid, ✗ invalid, — unsigned, ? signed but not checked (no secret set). */
export const SIGNATURE_MARKS = { valid: '✓', invalid: '✗', unsigned: '—', unchecked: '?' } as const;

const KIND_ICONS: Record<string, string> = { answer: 'call-incoming', fallback: 'debug-restart', event: 'pulse', rtc: 'comment-discussion' };

/** One callback: time, kind, summary, the status answered, the signature; a click opens it. */
export class CallbackNode extends TreeNode {
  constructor(readonly parent: CallNode, readonly record: CallbackRecord) {
    const { request: r, answer: a, signature: sig } = record;
    super(`${clock(record.time)}  ${r.kind}`, vscode.TreeItemCollapsibleState.None);
    this.id = `callback:${record.id}`;
    this.description = `${callbackSummary(r)} · ${a.status} · ${SIGNATURE_MARKS[sig.verdict]}${record.replayOf ? ' · replay' : ''}`;
    this.tooltip = tooltip(record);
    this.contextValue = 'vonage.webhookRequest';
    const failed = a.status >= 400 || sig.verdict === 'invalid' || a.source === 'bad-ncco-file';
    this.iconPath = new vscode.ThemeIcon(KIND_ICONS[r.kind] ?? 'circle-outline', failed ? new vscode.ThemeColor('errorForeground') : undefined);
    this.command = { command: 'vonage.openWebhookRequest', title: 'Open', arguments: [{ id: record.id, interactive: true }] }; // a click: problems shown, not thrown
  }

  override get applicationId(): string { return this.record.request.applicationId; }
}

/** The callbacks of one call (its conversation, else its leg), newest first. */
export class CallNode extends TreeNode {
  readonly parent = undefined;
  readonly children: CallbackNode[];

  constructor(readonly key: string, records: readonly CallbackRecord[], expanded: boolean) {
    super(label(key, records), expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    this.id = `call:${key}`;
    const newest = records[0];
    this.description = `${records.length} callback${records.length === 1 ? '' : 's'} · ${clock(newest.time)}`;
    this.tooltip = key === NO_CALL ? 'Callbacks that name no call' : `Call ${key}`;
    this.contextValue = 'vonage.webhookCall';
    this.iconPath = new vscode.ThemeIcon('call-outgoing');
    this.children = records.map((r) => new CallbackNode(this, r));
  }
}

const NO_CALL = '(no call)';

/**
 * The Webhooks view: every callback the webhook server answered, newest first, grouped by call. Empty: the
 * view's welcome text (start the server, route an application) takes over.
 */
export class WebhooksTree extends ComposedTree {
  constructor(private readonly callbacks: CallbackLog, log: { debug(message: string): void }) {
    super(log);
  }

  /** The groups as shown now (tests read them). */
  groups(): CallNode[] {
    const byCall = new Map<string, CallbackRecord[]>();
    for (const r of [...this.callbacks.all()].reverse()) {
      const key = callKey(callbackFields(r.request)) ?? NO_CALL;
      byCall.set(key, [...byCall.get(key) ?? [], r]);
    }
    return [...byCall.entries()].map(([key, records], i) => new CallNode(key, records, i === 0));
  }

  protected rootChildren(): Promise<TreeNode[]> {
    return Promise.resolve(this.groups());
  }

  override async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node instanceof CallNode) return node.children;
    return super.getChildren(node);
  }
}

/** Who called whom, from the call's answer request or voice events (rtc events name members, not parties). */
function label(key: string, records: readonly CallbackRecord[]): string {
  for (const r of records) {
    const parties = r.request.kind === 'rtc' ? undefined : fromTo(callbackFields(r.request));
    if (parties) return parties;
  }
  return key === NO_CALL ? key : `Call ${key.replace(/^CON-/, '').slice(0, 8)}`;
}

/** HH:MM:SS of an ISO time, local. */
function clock(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString(undefined, { hour12: false });
}

function tooltip(record: CallbackRecord): string {
  const { request: r, answer: a, signature: sig } = record;
  const lines = [
    `${r.method} ${r.path}`,
    `Application ${r.applicationId}`,
    `Answered ${a.status}${a.source === 'forwarded' ? ` by your server (forwarded to ${a.forwardedTo ?? 'it'})` : a.source === 'ncco-file' ? ' from the NCCO file' : ''}`,
    `Signature: ${SIGNATURE_MARKS[sig.verdict]} ${sig.verdict}${sig.reason ? ` — ${sig.reason}` : ''}`,
  ];
  if (a.note) lines.push(a.note);
  return lines.join('\n');
}
