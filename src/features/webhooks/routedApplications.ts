import type * as vscode from 'vscode';
import type { SavedWebhook } from '../../vonage/webhooks/routing';

/**
 * An application whose webhooks point at a webhook server of this VS Code: what they were before (saved
 * BEFORE the change is sent), per account (base URL and API key) and application. No secrets: addresses,
 * ids, names. `ownerPid` is the extension host that routed it: when that process is gone (the window
 * closed or crashed), the next start puts the webhooks back.
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
  ownerPid: number;
  webhooks: SavedWebhook[];
}

const KEY = 'vonage.webhooks.routed';

/** The routed applications, in global state (shared by every window of this VS Code). */
export class RoutedApplications {
  constructor(private readonly state: vscode.Memento, private readonly pid: number = process.pid) {}

  all(): RoutedApplication[] {
    const v = this.state.get<unknown>(KEY);
    return Array.isArray(v) ? v.filter(isRouted) : [];
  }

  /** Those this extension host routed (its server answers them). */
  ownedHere(): RoutedApplication[] {
    return this.all().filter((r) => r.ownerPid === this.pid);
  }

  /** Those whose extension host is gone: left behind by a window that closed or crashed. */
  leftBehind(isAlive: (pid: number) => boolean = pidAlive): RoutedApplication[] {
    return this.all().filter((r) => r.ownerPid !== this.pid && !isAlive(r.ownerPid));
  }

  find(baseUrl: string, apiKey: string, applicationId: string): RoutedApplication | undefined {
    return this.all().find((r) => same(r, { baseUrl, apiKey, applicationId }));
  }

  /** Whether this extension host's server answers callbacks of this application. */
  servedHere(applicationId: string): boolean {
    return this.ownedHere().some((r) => r.applicationId === applicationId);
  }

  async save(entry: RoutedApplication): Promise<void> {
    await this.state.update(KEY, [...this.all().filter((r) => !same(r, entry)), entry]);
  }

  async remove(entry: Pick<RoutedApplication, 'baseUrl' | 'apiKey' | 'applicationId'>): Promise<void> {
    await this.state.update(KEY, this.all().filter((r) => !same(r, entry)));
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
