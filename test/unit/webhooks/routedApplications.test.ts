// Which window an application routed here belongs to, and when that window is gone: its extension host's process
// is gone, or (a process id can be reused by another program) its heartbeat in global state stopped.
import * as assert from 'node:assert/strict';
import { HEARTBEAT_STALE_MS, type RoutedApplication, RoutedApplications } from '../../../src/features/webhooks/routedApplications';

/** VS Code's global state, in memory (shared by the "windows" of one test, as global state is). */
class MemoryState {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] { return [...this.values.keys()]; }
  get<T>(key: string, fallback?: T): T | undefined { return this.values.has(key) ? structuredClone(this.values.get(key)) as T : fallback; }
  update(key: string, value: unknown): Promise<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, structuredClone(value));
    return Promise.resolve();
  }
}

function entry(applicationId: string, owner: string, ownerPid: number): RoutedApplication {
  return {
    baseUrl: 'https://api.nexmo.com', apiKey: 'key', applicationId, applicationName: applicationId, publicUrl: 'https://t.example',
    routedAt: '2026-05-01T10:00:00.000Z', owner, ownerPid, webhooks: [{ webhook: 'voiceAnswerUrl', original: 'https://mine.example/a', routed: 'https://t.example/webhooks/x/answer' }],
  };
}

describe('webhooks: the windows applications are routed to, and those that are gone', () => {
  let now = 1_000_000;
  const clock = () => now;
  const alivePids = new Set([100, 200, 300]);
  const isAlive = (pid: number) => alivePids.has(pid);
  let state: MemoryState;
  const windowOf = (id: string, pid: number) => new RoutedApplications(state, { id, pid }, clock);

  beforeEach(() => { state = new MemoryState(); now = 1_000_000; });

  it('routing here saves the entry with this window\'s id and beats its heart; it is this window\'s, not left behind', async () => {
    const here = windowOf('window-a', 100);
    await here.save(entry('app-1', here.owner, 100));
    assert.deepEqual(here.ownedHere().map((r) => r.applicationId), ['app-1']);
    assert.deepEqual(here.leftBehind(isAlive), []);
    assert.deepEqual(windowOf('window-b', 200).leftBehind(isAlive), [], 'another window sees a live one');
  });

  it('a window whose extension host is gone: left behind at once, heartbeat or not', async () => {
    const gone = windowOf('window-a', 999);
    await gone.save(entry('app-1', gone.owner, 999));
    assert.deepEqual(windowOf('window-b', 200).leftBehind(isAlive).map((r) => r.applicationId), ['app-1']);
  });

  it('a window whose process id another live process has now (reused): left behind once its heartbeat is stale', async () => {
    const crashed = windowOf('window-a', 300);
    await crashed.save(entry('app-1', crashed.owner, 300)); // pid 300 is alive: another program has that id now
    const next = windowOf('window-b', 200);
    now += HEARTBEAT_STALE_MS - 1;
    assert.deepEqual(next.leftBehind(isAlive), [], 'its last heartbeat is recent: it may still be alive');
    now += 2;
    assert.deepEqual(next.leftBehind(isAlive).map((r) => r.applicationId), ['app-1'], 'no heartbeat for too long: gone');
  });

  it('a live window keeps its entries by beating; an entry of a window that never beat (an older build) is left behind', async () => {
    const live = windowOf('window-a', 100);
    await live.save(entry('app-1', live.owner, 100));
    await state.update('vonage.webhooks.routed', [...live.all(), entry('app-2', 'window-old', 300)]);
    const other = windowOf('window-b', 200);
    for (let i = 0; i < 5; i++) {
      now += HEARTBEAT_STALE_MS / 2;
      await live.beat();
    }
    assert.deepEqual(other.leftBehind(isAlive).map((r) => r.applicationId), ['app-2']);
  });

  it('a window that stops (its entries put back) takes its heartbeat away; beats of windows with no entry are dropped', async () => {
    const a = windowOf('window-a', 100);
    await a.save(entry('app-1', a.owner, 100));
    await state.update('vonage.webhooks.heartbeats', { ...state.get<Record<string, number>>('vonage.webhooks.heartbeats'), 'window-long-gone': 5 });
    await a.remove(entry('app-1', a.owner, 100));
    await a.beat();
    assert.deepEqual(Object.keys(state.get<Record<string, number>>('vonage.webhooks.heartbeats') ?? {}), [], 'nothing left: no window has routed applications');
  });
});
