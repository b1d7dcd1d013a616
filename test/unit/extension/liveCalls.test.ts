// LiveCalls (src/features/calls/liveCalls.ts) follows the calls the Calls view shows: each live call is read again
// until it ends, and a call hung up here is read again until Vonage reports it over, so its row gets its duration.
// Plain Node: a fake VoiceClient whose calls the test moves on, and short waits so the test waits for state, not time.
import * as assert from 'node:assert/strict';
import { LiveCalls } from '../../../src/features/calls/liveCalls';
import type { Call } from '../../../src/vonage/voice';
import type { VoiceClient } from '../../../src/vonage/voiceClient';
import type { Log } from '../../../src/ui/log';

const APP = 'app-1';
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Log;
const call = (uuid: string, extra: Partial<Call> = {}): Call => ({ uuid, conversationUuid: `CON-${uuid}`, status: 'answered', direction: 'outbound', ...extra });

async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Vonage's side: what GET /v1/calls/{uuid} answers now, and how often it was asked. */
function vonage(calls: Call[]) {
  const now = new Map(calls.map((c) => [c.uuid, c]));
  const reads: string[] = [];
  const client = { get: (uuid: string) => { reads.push(uuid); return Promise.resolve(now.get(uuid)!); } } as unknown as VoiceClient;
  return { now, reads, client };
}

describe('calls: LiveCalls follows the calls the view shows', () => {
  let live: LiveCalls | undefined;
  afterEach(() => live?.dispose());

  it('a call hung up here that Vonage has not reported over yet: read again until it is, then its row has the duration', async () => {
    const state = { calls: [call('u1', { status: 'completed' })] }; // the row as Hang Up left it
    const v = vonage([call('u1', { status: 'answered' })]); // Vonage ends a call on its own time
    let changes = 0;
    live = new LiveCalls(quiet, () => state, () => Promise.resolve(v.client), () => { changes++; }, { firstMs: 5, maxMs: 10 });
    live.settle(APP, 'u1');
    await until(() => v.reads.length >= 2, 'two reads while Vonage still says answered');
    assert.equal(state.calls[0].status, 'completed', 'the row is not put back to answered meanwhile');
    assert.equal(changes, 0);
    v.now.set('u1', call('u1', { status: 'completed', durationSeconds: 42 }));
    await until(() => state.calls[0].durationSeconds === 42, 'the row read as Vonage has it now');
    assert.equal(changes, 1);
    const reads = v.reads.length;
    await new Promise((r) => setTimeout(r, 40));
    assert.equal(v.reads.length, reads, 'not read again once over');
  });

  it('poke (a callback arrived): the live calls are read now, not at the end of the wait', async () => {
    const state = { calls: [call('u3', { status: 'ringing' })] };
    const v = vonage([call('u3', { status: 'ringing' })]);
    live = new LiveCalls(quiet, () => state, () => Promise.resolve(v.client), () => undefined, { firstMs: 60_000, maxMs: 60_000 });
    live.follow(APP, state.calls);
    v.now.set('u3', call('u3', { status: 'answered' }));
    live.poke();
    await until(() => state.calls[0].status === 'answered', 'read at once', 2000);
    assert.deepEqual(v.reads, ['u3']);
    live.poke();
    live.poke();
    await until(() => v.reads.length === 2, 'two pokes close together: one read');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(v.reads.length, 2);
  });

  it('poke with nothing live: nothing is read', async () => {
    const state = { calls: [call('u4', { status: 'completed' })] };
    const v = vonage(state.calls);
    live = new LiveCalls(quiet, () => state, () => Promise.resolve(v.client), () => undefined, { firstMs: 5, maxMs: 10 });
    live.follow(APP, state.calls);
    live.poke();
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(v.reads, []);
  });

  it('a live call is read again until it ends, the wait capped at maxMs', async () => {
    const state = { calls: [call('u2', { status: 'ringing' })] };
    const v = vonage([call('u2', { status: 'ringing' })]);
    live = new LiveCalls(quiet, () => state, () => Promise.resolve(v.client), () => undefined, { firstMs: 5, maxMs: 10 });
    assert.equal(live.follow(APP, state.calls), 1);
    await until(() => v.reads.length >= 6, 'reads go on at the capped wait while nothing changes', 2000);
    v.now.set('u2', call('u2', { status: 'completed', durationSeconds: 3 }));
    await until(() => state.calls[0].status === 'completed', 'the end is read');
    assert.equal(state.calls[0].durationSeconds, 3);
  });
});
