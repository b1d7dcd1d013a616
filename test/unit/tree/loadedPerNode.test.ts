// What a view loads per node is read once, even when VS Code and a command ask for it at the same time,
// and a forgotten read in flight is never kept.
import * as assert from 'assert';
import { LoadedPerNode } from '../../../src/tree/loadedPerNode';

interface State { items: string[] }

/** A read that answers when the test says so, counting how often it was started. */
function controlledRead() {
  const pending: { resolve(s: State): void; reject(e: Error): void }[] = [];
  const read = () => new Promise<State>((resolve, reject) => { pending.push({ resolve, reject }); });
  return { read, pending };
}

describe('LoadedPerNode: one read per node, shared while in flight', () => {
  const node = {};

  it('two callers while the first read is on the network share it: one read, one state both change', async () => {
    const cache = new LoadedPerNode<object, State>();
    const { read, pending } = controlledRead();
    const first = cache.load(node, read);
    const second = cache.load(node, read);
    assert.strictEqual(pending.length, 1, 'one read');
    pending[0].resolve({ items: ['a'] });
    const [a, b] = await Promise.all([first, second]);
    assert.strictEqual(a, b, 'the same state');
    a.items.push('added by the first caller');
    assert.deepStrictEqual((await cache.load(node, read)).items, ['a', 'added by the first caller']);
    assert.strictEqual(pending.length, 1, 'kept: no further read');
  });

  it('forgotten while in flight: its callers get the answer, the next load reads again', async () => {
    const cache = new LoadedPerNode<object, State>();
    const { read, pending } = controlledRead();
    const stale = cache.load(node, read);
    cache.forget(node);
    const fresh = cache.load(node, read);
    assert.strictEqual(pending.length, 2, 'the load after forget reads again');
    pending[1].resolve({ items: ['fresh'] });
    pending[0].resolve({ items: ['stale'] });
    assert.deepStrictEqual((await stale).items, ['stale']);
    assert.deepStrictEqual((await fresh).items, ['fresh']);
    assert.deepStrictEqual(cache.get(node)?.items, ['fresh'], 'the stale answer did not replace the fresh one');
  });

  it('a failed read is not kept: every caller sees the failure, the next load tries again', async () => {
    const cache = new LoadedPerNode<object, State>();
    const { read, pending } = controlledRead();
    const a = cache.load(node, read);
    const b = cache.load(node, read);
    pending[0].reject(new Error('Vonage answered 503'));
    await assert.rejects(a, /503/);
    await assert.rejects(b, /503/);
    assert.strictEqual(cache.get(node), undefined);
    const again = cache.load(node, read);
    assert.strictEqual(pending.length, 2);
    pending[1].resolve({ items: ['ok'] });
    assert.deepStrictEqual((await again).items, ['ok']);
  });

  it('each node has its own state', async () => {
    const cache = new LoadedPerNode<object, State>();
    const other = {};
    await cache.load(node, () => Promise.resolve({ items: ['one'] }));
    await cache.load(other, () => Promise.resolve({ items: ['two'] }));
    assert.deepStrictEqual([cache.get(node)?.items, cache.get(other)?.items], [['one'], ['two']]);
  });
});
