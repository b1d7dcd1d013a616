// The clock the sandbox's calls run on. Tests control it: on the manual clock (the default) nothing happens
// until `advance(ms)` (or POST /_sandbox/clock {advanceMs}) moves it, and the timers that fall due fire in
// order; on the real clock (`npm start`, `npm run sandbox`) it follows the wall clock and a ticker fires them.
// Times shown (start_time, timestamps) are the wall clock plus every advance, so a call placed now is dated
// now, and a test that advances an hour sees its calls an hour later.

interface Timer { at: number; seq: number; fire: () => void }

export class VoiceClock {
  /** What every advance() added. */
  private offsetMs = 0;
  private timers: Timer[] = [];
  private seq = 0;
  private ticker?: NodeJS.Timeout;

  constructor(readonly mode: 'manual' | 'real') {
    if (mode === 'real') {
      this.ticker = setInterval(() => this.fireDue(this.now()), 100);
      this.ticker.unref();
    }
  }

  /** The clock timers run on, in ms: manual, only what advance() added; real, the wall clock plus it. */
  now(): number {
    return this.mode === 'manual' ? this.offsetMs : Date.now() + this.offsetMs;
  }

  /** The wall time a call is dated with, in ms. */
  wallNow(): number {
    return Date.now() + this.offsetMs;
  }

  /** The wall time at which the clock reads `at`, for a date computed from clock times. */
  wallAt(at: number): number {
    return this.wallNow() - (this.now() - at);
  }

  /** Runs `fire` once the clock reaches now + `delayMs`. */
  schedule(delayMs: number, fire: () => void): void {
    this.timers.push({ at: this.now() + Math.max(0, delayMs), seq: ++this.seq, fire });
  }

  /** Moves the clock on by `ms`, firing the timers that fall due in order (a timer may schedule more). */
  advance(ms: number): void {
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new Error(`advance needs a non-negative number of milliseconds, got ${String(ms)}`);
    const target = this.now() + ms;
    for (;;) {
      const next = this.nextDue(target);
      if (!next) break;
      this.offsetMs += next.at - this.now();
      this.run(next);
    }
    this.offsetMs += target - this.now();
  }

  /** Fires what is due without moving the clock (the real clock's ticker; after a change at this instant). */
  fireDue(at = this.now()): void {
    for (let next = this.nextDue(at); next; next = this.nextDue(at)) this.run(next);
  }

  reset(): void {
    this.timers = [];
    this.offsetMs = 0;
  }

  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.timers = [];
  }

  private nextDue(limit: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) if (t.at <= limit && (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq))) best = t;
    return best;
  }

  private run(t: Timer): void {
    this.timers.splice(this.timers.indexOf(t), 1);
    t.fire();
  }
}
