// Shared by the benchmarks: the median of a run's rounds (robust to a burst of load from elsewhere).

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs every variant once per round, the order rotated each round, after one warm-up round; each run's
 * answer must be the expected one (a variant that does less is not faster). Milliseconds per variant per round.
 */
export async function interleavedRounds<T>(variants: Record<string, () => Promise<T>>, expected: Record<string, T>, rounds: number): Promise<Record<string, number[]>> {
  const names = Object.keys(variants);
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r <= rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length];
      const t0 = performance.now();
      const answer = await variants[name]();
      const ms = performance.now() - t0;
      if (answer !== expected[name]) throw new Error(`${name} answered ${String(answer)}, expected ${String(expected[name])}`);
      if (r > 0) times[name].push(ms); // round 0 is the warm-up
    }
  }
  return times;
}
