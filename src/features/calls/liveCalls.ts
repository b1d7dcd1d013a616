import { mapBounded } from '../../vonage/concurrency';
import { type Call, isLive } from '../../vonage/voice';
import type { VoiceClient } from '../../vonage/voiceClient';
import type { Log } from '../../ui/log';

/**
 * The first re-read of a live call, and the longest wait between two while nothing changes: short, since a call's
 * statuses come seconds apart (at 30 s, a call answered and ended within it was never seen answered).
 */
const LIVE_FIRST_MS = 2000;
const LIVE_MAX_MS = 5000;
/** How soon the live calls are read after a poke (callbacks come in bursts: one read for a burst). */
const POKE_MS = 250;
/** Live calls read at once. */
const READS_AT_ONCE = 4;
/** How many times a call hung up here is read again for Vonage to report it over, before it is left as shown. */
const SETTLE_READS = 10;

export interface LiveCallsTiming { firstMs: number; maxMs: number }

interface Following { timer: ReturnType<typeof setTimeout>; delayMs: number }

/**
 * Follows the live calls the view shows (ringing, answered…) until they end: each is read again after a short
 * while, the wait doubling (up to LIVE_MAX_MS) while nothing changes and starting over when something does, and
 * read at once when the webhook server records a callback (poke). A call hung up here is followed too until Vonage reports it over (Vonage ends a call on
 * its own time), so its row gets the duration and end Vonage gives it. One timer per application; none once no
 * call of it is live or settling.
 */
export class LiveCalls {
  private readonly following = new Map<string, Following>();
  /** Per application: calls hung up here that Vonage has not reported over yet, with the reads left for them. */
  private readonly settling = new Map<string, Map<string, number>>();

  constructor(
    private readonly log: Log,
    private readonly stateOf: (applicationId: string) => { calls: Call[] } | undefined,
    private readonly client: (applicationId: string) => Promise<VoiceClient>,
    private readonly changed: (applicationId: string) => void,
    private readonly timing: LiveCallsTiming = { firstMs: LIVE_FIRST_MS, maxMs: LIVE_MAX_MS },
  ) {}

  /** Starts following the application's live calls (if not already); the number of them. */
  follow(applicationId: string, calls: readonly Call[]): number {
    const live = calls.filter((c) => isLive(c.status)).length;
    if ((live || this.settling.has(applicationId)) && !this.following.has(applicationId)) this.schedule(applicationId, this.timing.firstMs);
    return live;
  }

  /** Something new to follow (a call placed here): the next read comes soon again. */
  restart(applicationId: string): void {
    this.stop(applicationId);
    this.follow(applicationId, this.stateOf(applicationId)?.calls ?? []);
  }

  /** Something happened to a call (the webhook server recorded a callback): the live calls followed are read soon, not at the end of their wait. */
  poke(): void {
    for (const [applicationId, entry] of [...this.following]) {
      if (entry.delayMs <= POKE_MS) continue; // a read comes that soon anyway
      this.stop(applicationId);
      this.schedule(applicationId, POKE_MS);
    }
  }

  /** A call hung up here that Vonage has not reported over yet: read again until it does (its row keeps the status shown meanwhile). */
  settle(applicationId: string, uuid: string): void {
    if (!this.stateOf(applicationId)?.calls.some((c) => c.uuid === uuid)) return; // not shown: no row to complete
    const calls = this.settling.get(applicationId) ?? new Map<string, number>();
    calls.set(uuid, SETTLE_READS);
    this.settling.set(applicationId, calls);
    this.restart(applicationId);
  }

  stop(applicationId: string): void {
    const f = this.following.get(applicationId);
    if (f) clearTimeout(f.timer);
    this.following.delete(applicationId);
  }

  dispose(): void {
    for (const id of [...this.following.keys()]) this.stop(id);
    this.settling.clear();
  }

  private schedule(applicationId: string, delayMs: number): void {
    const entry: Following = { delayMs, timer: setTimeout(() => { void this.readAgain(applicationId, entry); }, delayMs) };
    this.following.set(applicationId, entry);
  }

  /** The calls to read: the live ones, and those settling (each read counted). */
  private toRead(applicationId: string, calls: readonly Call[]): Call[] {
    const settling = this.settling.get(applicationId);
    for (const [uuid, left] of settling ?? []) {
      if (left > 0 && calls.some((c) => c.uuid === uuid)) settling!.set(uuid, left - 1);
      else settling!.delete(uuid);
    }
    if (settling?.size === 0) this.settling.delete(applicationId);
    return calls.filter((c) => isLive(c.status) || settling?.has(c.uuid));
  }

  private async readAgain(applicationId: string, entry: Following): Promise<void> {
    const state = this.stateOf(applicationId);
    const calls = state ? this.toRead(applicationId, state.calls) : [];
    if (!state || !calls.length) {
      if (this.following.get(applicationId) === entry) this.following.delete(applicationId);
      return;
    }
    let changes = 0;
    try {
      const client = await this.client(applicationId);
      const fresh = await mapBounded(calls, READS_AT_ONCE, (c) => client.get(c.uuid));
      for (const call of fresh) if (this.take(applicationId, state.calls, call)) changes++;
    } catch (e) {
      this.log.debug(`Reading the live calls of ${applicationId} again failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (this.following.get(applicationId) !== entry || this.stateOf(applicationId) !== state) return; // stopped or restarted meanwhile
    this.following.delete(applicationId);
    if (changes) this.changed(applicationId);
    if (state.calls.some((c) => isLive(c.status)) || this.settling.has(applicationId)) {
      this.schedule(applicationId, changes ? this.timing.firstMs : Math.min(entry.delayMs * 2, this.timing.maxMs));
    }
  }

  /** A call as read now replaces its row when it differs; a settling call's only once Vonage reports it over. True when the row changed. */
  private take(applicationId: string, calls: Call[], call: Call): boolean {
    const settling = this.settling.get(applicationId);
    if (settling?.has(call.uuid)) {
      if (isLive(call.status)) return false; // not over at Vonage yet: the row keeps what the hangup said
      settling.delete(call.uuid);
      if (!settling.size) this.settling.delete(applicationId);
    }
    const i = calls.findIndex((c) => c.uuid === call.uuid);
    if (i < 0 || JSON.stringify(calls[i]) === JSON.stringify(call)) return false;
    calls[i] = call;
    return true;
  }
}
