// The Conversation API at 50 ms latency, against floors measured in the same rounds:
// - listing 1,000 conversations (ten cursor pages of 100: each page names the next, so they cannot go
//   side by side) against ten sequential round trips for one page;
// - the first page of events of a conversation with 10,000 events (what the timeline shows first)
//   against one round trip.
import { ConversationsClient, JwtSigner, VonageHttpClient, generateKeyPair, userAgent } from '../src/vonage';
import { withSandbox } from './sandbox';
import { interleavedRounds, median } from './stats';

const CONVERSATIONS = 1000;
const EVENTS = 10_000;
const ROUNDS = 8;

export interface ConversationsFigures { listMs: number; listFloorMs: number; listVsFloor: number; eventsMs: number; roundTripMs: number; eventsVsRoundTrip: number }

export async function conversationsBench(): Promise<ConversationsFigures | undefined> {
  return withSandbox('conversations', async (sb) => {
    const { publicKey, privateKey } = await generateKeyPair();
    const [app] = sb.seedApplications(1, publicKey);
    sb.conversations.seed(app.id, CONVERSATIONS, 'bench');
    const busy = sb.conversations.seed(app.id, 1, 'busy')[0];
    sb.conversations.seedEvents(app.id, busy.id, EVENTS);
    const token = new JwtSigner().signAdminToken({ applicationId: app.id, privateKey });
    const http = new VonageHttpClient({ baseUrl: sb.url, userAgent: userAgent('bench') });
    const client = new ConversationsClient(http, () => token);
    const onePage = async () => (await client.listPage()).items.length;
    const variants: Record<string, () => Promise<number>> = {
      list: async () => (await client.list()).length,
      tenRoundTrips: async () => {
        let n = 0;
        for (let i = 0; i < 10; i++) n += await onePage();
        return n;
      },
      events: async () => (await client.eventsPage(busy.id, { pageSize: 100 })).items.length,
      roundTrip: onePage,
    };
    const expected: Record<string, number> = { list: CONVERSATIONS + 1, tenRoundTrips: 1000, events: 100, roundTrip: 100 };
    sb.setLatency(50);
    const times = await interleavedRounds(variants, expected, ROUNDS);
    const ratio = (a: number[], b: number[]) => median(a.map((v, i) => v / b[i]));
    const figures = {
      listMs: median(times.list), listFloorMs: median(times.tenRoundTrips), listVsFloor: ratio(times.list, times.tenRoundTrips),
      eventsMs: median(times.events), roundTripMs: median(times.roundTrip), eventsVsRoundTrip: ratio(times.events, times.roundTrip),
    };
    console.log(`conversations.list${CONVERSATIONS} at 50 ms latency: ours ${figures.listMs.toFixed(0)} ms, floor of ten sequential round trips ${figures.listFloorMs.toFixed(0)} ms; events first page of ${EVENTS}: ${figures.eventsMs.toFixed(0)} ms, one round trip ${figures.roundTripMs.toFixed(0)} ms (${ROUNDS} interleaved rounds after a warm-up, medians)`);
    return figures;
  });
}
