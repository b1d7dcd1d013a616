import type * as vscode from 'vscode';
import * as crypto from 'crypto';
import type { SavedWebhook } from '../../vonage/webhooks/routing';

/**
 * An application whose webhooks point at a webhook server of this VS Code: what they were before (saved
 * BEFORE the change is sent), per account (base URL and API key) and application. No secrets: addresses,
 * ids, names. `owner` is the window (extension host) that routed it, `ownerPid` its process: when that window
 * is gone (closed or crashed), the next start puts the webhooks back.
 */
export interface RoutedApplication {
  baseUrl: string;
  apiKey: string;
  applicationId: string;
  applicationName: string;
  /** The base the webhooks were pointed at (the local server, a tunnel, a typed URL). */
  publicUrl: string;
  /** ISO 8601. */
  routedAt: string;
  /** The id of the window that routed it (never reused, unlike a process id). */
  owner: string;
  ownerPid: number;
  webhooks: SavedWebhook[];
}

/** A window: an id no other window ever has, and its extension host's process id. */
export interface WindowId { id: string; pid: number }

/** This window. */
export const THIS_WINDOW: WindowId = { id: crypto.randomUUID(), pid: process.pid };

/** How often a window with routed applications says it is alive. */
export const HEARTBEAT_MS = 10_000;
/**
 * A window that has not said so for this long is gone. Generous: a window whose extension host is busy (a 2-core
 * machine under load) must never look gone while it still serves its applications.
 */
export const HEARTBEAT_STALE_MS = 45_000;

const KEY = 'vonage.webhooks.routed';
const HEARTBEATS = 'vonage.webhooks.heartbeats';

/**
 * The routed applications, in global state (shared by every window of this VS Code), and the heartbeats of the
 * windows that routed them. A window is gone when its extension host's process is gone — at once — or, since a
 * process id can be taken by another program after a crash, when its heartbeat stopped.
 */
export class RoutedApplications {
  constructor(private readonly state: vscode.Memento, private readonly self: WindowId = THIS_WINDOW, private readonly now: () => number = Date.now) {}

  /** This window's id (what its entries carry as `owner`). */
  get owner(): string { return this.self.id; }
  get pid(): number { return this.self.pid; }

  all(): RoutedApplication[] {
    const v = this.state.get<unknown>(KEY);
    // An entry saved before windows had ids has no owner: no window beats for it, so it counts as left behind.
    return Array.isArray(v) ? v.filter(isRouted).map((r) => typeof r.owner === 'string' ? r : { ...r, owner: '' }) : [];
  }

  /** Those this window routed (its server answers them). */
  ownedHere(): RoutedApplication[] {
    return this.all().filter((r) => r.owner === this.self.id);
  }

  /** Those whose window is gone: left behind by a window that closed or crashed. */
  leftBehind(isAlive: (pid: number) => boolean = pidAlive): RoutedApplication[] {
    const beats = this.heartbeats();
    const gone = (r: RoutedApplication) => {
      if (!isAlive(r.ownerPid)) return true; // certain, and at once
      const beat = beats[r.owner];
      return beat === undefined || this.now() - beat > HEARTBEAT_STALE_MS; // the pid may be another program's now
    };
    return this.all().filter((r) => r.owner !== this.self.id && gone(r));
  }

  find(baseUrl: string, apiKey: string, applicationId: string): RoutedApplication | undefined {
    return this.all().find((r) => same(r, { baseUrl, apiKey, applicationId }));
  }

  /** This window's entry for the application (what its server answers its callbacks with), if it routed it. */
  ownedEntry(applicationId: string): RoutedApplication | undefined {
    return this.all().find((r) => r.owner === this.self.id && r.applicationId === applicationId);
  }

  /** Whether this window's server answers callbacks of this application. */
  servedHere(applicationId: string): boolean {
    return this.ownedEntry(applicationId) !== undefined;
  }

  async save(entry: RoutedApplication): Promise<void> {
    await this.state.update(KEY, [...this.all().filter((r) => !same(r, entry)), entry]);
    await this.beat();
  }

  async remove(entry: Pick<RoutedApplication, 'baseUrl' | 'apiKey' | 'applicationId'>): Promise<void> {
    await this.state.update(KEY, this.all().filter((r) => !same(r, entry)));
    await this.beat();
  }

  /**
   * Says that `owner` (this window) is alive now, while it has routed applications; a window without any has no
   * heartbeat (the beats of windows whose entries are all gone are dropped too).
   */
  async beat(owner = this.self.id): Promise<void> {
    const owners = new Set(this.all().map((r) => r.owner));
    const beats = Object.fromEntries(Object.entries(this.heartbeats()).filter(([o]) => owners.has(o)));
    if (owners.has(owner)) beats[owner] = this.now();
    await this.state.update(HEARTBEATS, Object.keys(beats).length ? beats : undefined);
  }

  /** This window is closing: its heartbeat goes now, so the next start need not wait for it to go stale. */
  async stopBeating(): Promise<void> {
    const { [this.self.id]: _mine, ...others } = this.heartbeats();
    await this.state.update(HEARTBEATS, Object.keys(others).length ? others : undefined);
  }

  private heartbeats(): Record<string, number> {
    const v = this.state.get<unknown>(HEARTBEATS);
    return typeof v === 'object' && v !== null ? v as Record<string, number> : {};
  }
}

function same(a: Pick<RoutedApplication, 'baseUrl' | 'apiKey' | 'applicationId'>, b: Pick<RoutedApplication, 'baseUrl' | 'apiKey' | 'applicationId'>): boolean {
  return a.baseUrl === b.baseUrl && a.apiKey === b.apiKey && a.applicationId === b.applicationId;
}

function isRouted(v: unknown): v is RoutedApplication {
  const r = v as Partial<RoutedApplication> | undefined;
  return typeof r?.baseUrl === 'string' && typeof r.apiKey === 'string' && typeof r.applicationId === 'string' && typeof r.ownerPid === 'number' && Array.isArray(r.webhooks);
}

/** Whether a process with this id runs on this machine (signal 0 only asks). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === 'EPERM'; // it exists, it is someone else's
  }
}
