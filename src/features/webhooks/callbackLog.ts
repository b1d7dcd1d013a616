import vscode = require('vscode');
import type { CallbackRecord } from '../../vonage/webhooks/callbacks';

/** How many callbacks are kept (across reloads, in workspace storage). */
export const CALLBACKS_KEPT = 500;
const KEY = 'vonage.webhooks.callbacks';

/**
 * The callbacks the webhook server answered, newest last: the last CALLBACKS_KEPT, kept in workspace storage
 * so a reload does not lose them. Bodies are user data: shown in the inspector, never logged. Writes to
 * storage are gathered (a burst of events is one write).
 */
export class CallbackLog implements vscode.Disposable {
  private readonly records: CallbackRecord[];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private pending?: NodeJS.Timeout;

  constructor(private readonly state: vscode.Memento) {
    const v = state.get<unknown>(KEY);
    this.records = Array.isArray(v) ? (v as CallbackRecord[]).filter((r) => typeof r?.id === 'string' && typeof r.request?.path === 'string') : [];
  }

  dispose(): void {
    if (this.pending) void this.flush();
    this.changed.dispose();
  }

  /** Newest last. */
  all(): readonly CallbackRecord[] {
    return this.records;
  }

  get(id: string): CallbackRecord | undefined {
    return this.records.find((r) => r.id === id);
  }

  /** Adds a record in its place by arrival time (answers may end in another order than their requests came). */
  add(record: CallbackRecord): void {
    let at = this.records.length;
    while (at > 0 && this.records[at - 1].time > record.time) at--;
    this.records.splice(at, 0, record);
    if (this.records.length > CALLBACKS_KEPT) this.records.splice(0, this.records.length - CALLBACKS_KEPT);
    this.changed.fire();
    this.pending ??= setTimeout(() => { void this.flush(); }, 250);
  }

  async clear(): Promise<void> {
    this.records.length = 0;
    this.changed.fire();
    await this.flush();
  }

  /** Writes what is kept now (tests wait on it before reading the storage). */
  async flush(): Promise<void> {
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
    await this.state.update(KEY, this.records);
  }
}
