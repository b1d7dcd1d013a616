// Listing 1,000 calls of one application at 50 ms latency (VoiceClient.list), against the floor the Voice
// API's paging allows. GET /v1/calls pages by record_index with page_size ≤ 100, and only the first answer says
// how many calls there are (`count`): so one round trip must come first, and then the other nine pages
// (record_index 100 … 900) can all go at once — two round trips at the least. The floor is measured, not
// assumed: two sequential requests for one page of 100, interleaved with ours in the same rounds.
import { JwtSigner, MAX_CALLS_PAGE_SIZE, VoiceClient, VonageHttpClient, generateKeyPair, userAgent } from '../src/vonage';
import { withSandbox } from './sandbox';
import { interleavedRounds, median } from './stats';

const CALLS = 1000;
const ROUNDS = 12;

export interface CallsListFigures { ms: number; floorMs: number; vsFloor: number }

export async function callsListBench(): Promise<CallsListFigures | undefined> {
  return withSandbox('calls.list1000', async (sb) => {
    const { publicKey, privateKey } = await generateKeyPair();
    const [app] = sb.seedApplications(1, publicKey);
    sb.voice.seed(app.id, CALLS);
    const token = new JwtSigner().signAdminToken({ applicationId: app.id, privateKey });
    const voice = new VoiceClient(new VonageHttpClient({ baseUrl: sb.url, userAgent: userAgent('bench') }), () => token);
    const onePage = async () => (await voice.listPage({ pageSize: MAX_CALLS_PAGE_SIZE })).items.length;
    const variants: Record<string, () => Promise<number>> = {
      ours: async () => (await voice.list()).length,
      floor: async () => (await onePage()) + (await onePage()),
    };
    const expected: Record<string, number> = { ours: CALLS, floor: 2 * MAX_CALLS_PAGE_SIZE };
    sb.setLatency(50);
    const times = await interleavedRounds(variants, expected, ROUNDS);
    const figures = { ms: median(times.ours), floorMs: median(times.floor), vsFloor: median(times.ours.map((v, i) => v / times.floor[i])) };
    console.log(`calls.list${CALLS} at 50 ms latency: ours ${figures.ms.toFixed(0)} ms (page 1 gives count, then 9 pages by record_index at once), floor of two round trips (the paging allows no fewer) ${figures.floorMs.toFixed(0)} ms (${ROUNDS} interleaved rounds after a warm-up, medians)`);
    return figures;
  });
}
