import { mapBounded } from '../../vonage/concurrency';
import { type Call, isLive } from '../../vonage/voice';
import type { VoiceClient } from '../../vonage/voiceClient';
import type { Log } from '../../ui/log';

/** The first re-read of a live call, and the longest wait between two while nothing changes. */
export const LIVE_FIRST_MS = 2000;
export const LIVE_MAX_MS = 30_000;
/** Live calls read at once. */
const READS_AT_ONCE = 4;

interface Following { timer: ReturnType<typeof setTimeout>; delayMs: number }

/**
 * Follows the live calls the view shows (ringing, answered…) until they end, without webhooks: each is read
 * again after a short while, the wait doubling (up to LIVE_MAX_MS) while nothing changes and starting over
 * when something does. One timer per application; none once no call of it is live.
 */
export class LiveCalls {
  private readonly following = new Map<string, Following>();

  constructor(
    private readonly log: Log,
    private readonly stateOf: (applicationId: string) => { calls: Call[] } | undefined,
    private readonly client: (applicationId: string) => Promise<VoiceClient>,
    private readonly changed: (applicationId: string) => void,
  ) {}

  /** Starts following the application's live calls (if not already); the number of them. */
  follow(applicationId: string, calls: readonly Call[]): number {
    const live = calls.filter((c) => isLive(c.status)).length;
    if (live && !this.following.has(applicationId)) this.schedule(applicationId, LIVE_FIRST_MS);
    return live;
  }

  /** Something new to follow (a call placed here): the next read comes soon again. */
  restart(applicationId: string): void {
    this.stop(applicationId);
    this.follow(applicationId, this.stateOf(applicationId)?.calls ?? []);
  }

  stop(applicationId: string): void {
    const f = this.following.get(applicationId);
    if (f) clearTimeout(f.timer);
    this.following.delete(applicationId);
  }

  dispose(): void {
    for (const id of [...this.following.keys()]) this.stop(id);
  }

  private schedule(applicationId: string, delayMs: number): void {
    const entry: Following = { delayMs, timer: setTimeout(() => { void this.readAgain(applicationId, entry); }, delayMs) };
    this.following.set(applicationId, entry);
  }

  private async readAgain(applicationId: string, entry: Following): Promise<void> {
    const state = this.stateOf(applicationId);
    const live = state?.calls.filter((c) => isLive(c.status)) ?? [];
    if (!state || !live.length) {
      if (this.following.get(applicationId) === entry) this.following.delete(applicationId);
      return;
    }
    let changes = 0;
    try {
      const client = await this.client(applicationId);
      const fresh = await mapBounded(live, READS_AT_ONCE, (c) => client.get(c.uuid));
      for (const call of fresh) {
        const i = state.calls.findIndex((c) => c.uuid === call.uuid);
        if (i >= 0 && JSON.stringify(state.calls[i]) !== JSON.stringify(call)) { state.calls[i] = call; changes++; }
      }
    } catch (e) {
      this.log.debug(`Reading the live calls of ${applicationId} again failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (this.following.get(applicationId) !== entry || this.stateOf(applicationId) !== state) return; // stopped or restarted meanwhile
    this.following.delete(applicationId);
    if (changes) this.changed(applicationId);
    if (state.calls.some((c) => isLive(c.status))) this.schedule(applicationId, changes ? LIVE_FIRST_MS : Math.min(entry.delayMs * 2, LIVE_MAX_MS));
  }
}
