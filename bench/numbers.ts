// Listing 1,000 owned numbers (the Numbers API's size ≤ 100: ten pages) at 50 ms latency, against its
// floor: two round trips (the first page says how many there are; the other nine can then go at once).
// The floor is measured, not assumed: two sequential requests for one page of 100, interleaved with ours.
import { NumbersClient, VonageHttpClient, userAgent } from '../src/vonage';
import { withSandbox } from './sandbox';
import { interleavedRounds, median } from './stats';

const NUMBERS = 1000;
const ROUNDS = 12;

export interface NumbersListFigures { ms: number; floorMs: number; vsFloor: number }

export async function numbersListBench(): Promise<NumbersListFigures | undefined> {
  return withSandbox('numbers.list1000', async (sb) => {
    sb.numbers.seedOwned(NUMBERS);
    const http = new VonageHttpClient({ baseUrl: sb.url, userAgent: userAgent('bench') });
    const creds = { apiKey: sb.apiKey, apiSecret: sb.apiSecret };
    const numbers = new NumbersClient(http, creds);
    const onePage = () => http.request<{ numbers: unknown[] }>({ method: 'GET', path: '/account/numbers', query: { size: 100, index: 1 }, auth: { kind: 'query', ...creds } });
    const variants: Record<string, () => Promise<number>> = {
      ours: async () => (await numbers.list()).length,
      floor: async () => (await onePage()).numbers.length + (await onePage()).numbers.length,
    };
    const expected: Record<string, number> = { ours: NUMBERS, floor: 200 };
    sb.setLatency(50);
    const times = await interleavedRounds(variants, expected, ROUNDS);
    const figures = { ms: median(times.ours), floorMs: median(times.floor), vsFloor: median(times.ours.map((v, i) => v / times.floor[i])) };
    console.log(`numbers.list${NUMBERS} at 50 ms latency: ours ${figures.ms.toFixed(0)} ms (page 1, then 9 at once), floor of two round trips ${figures.floorMs.toFixed(0)} ms (${ROUNDS} interleaved rounds after a warm-up, medians)`);
    return figures;
  });
}
