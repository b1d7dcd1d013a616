// Find User (the API's `name` filter, as `vonage users list --name`) against what a client without the filter
// must do: page through every user and look. 2,000 users, the sandbox at 50 ms latency, interleaved rounds.
import { JwtSigner, UsersClient, VonageHttpClient, generateKeyPair, userAgent } from '../src/vonage';
import { withSandbox } from './sandbox';
import { interleavedRounds, median } from './stats';

const USERS = 2000;
const ROUNDS = 7;

export interface FindUserFigures { ms: number; pagedMs: number; ratio: number }


export async function findUserBench(): Promise<FindUserFigures | undefined> {
  return withSandbox('users.find', async (sb) => {
    const { publicKey, privateKey } = await generateKeyPair();
    const [app] = sb.seedApplications(1, publicKey);
    sb.seedUsers(app.id, USERS, 'member');
    const signer = new JwtSigner();
    const token = signer.signAdminToken({ applicationId: app.id, privateKey });
    const users = new UsersClient(new VonageHttpClient({ baseUrl: sb.url, userAgent: userAgent('bench') }), () => token);
    const wanted = `member-${USERS - 3}`; // near the end: the pager reads almost every page
    const variants: Record<string, () => Promise<string | undefined>> = {
      filter: async () => (await users.findByName(wanted))?.name,
      paged: async () => (await users.listAll()).find((u) => u.name === wanted)?.name,
    };
    sb.setLatency(50);
    const times = await interleavedRounds(variants, { filter: wanted, paged: wanted }, ROUNDS);
    const figures = { ms: median(times.filter), pagedMs: median(times.paged), ratio: median(times.filter.map((v, i) => times.paged[i] / v)) };
    console.log(`users.find among ${USERS} at 50 ms latency: name filter ${figures.ms.toFixed(0)} ms, paging through every user ${figures.pagedMs.toFixed(0)} ms (${ROUNDS} interleaved rounds after a warm-up, medians)`);
    return figures;
  });
}
