// setContextKeyFrom drops a computed value only when ITS key was set while computing, not any key.
import * as assert from 'node:assert/strict';
import Module from 'node:module';

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleInternals = Module as unknown as { _load: Loader };

describe('extension: context keys', () => {
  const setContext: [string, unknown][] = [];
  let keys: typeof import('../../../src/ui/contextKeys');
  const original = moduleInternals._load;

  before(() => {
    const vscode = {
      commands: {
        executeCommand: (command: string, key: string, value: unknown) => {
          if (command === 'setContext') setContext.push([key, value]);
          return Promise.resolve(undefined);
        },
      },
    };
    moduleInternals._load = function (request, parent, isMain) {
      return request === 'vscode' ? vscode : original.call(this, request, parent, isMain);
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    keys = require('../../../src/ui/contextKeys') as typeof keys;
  });
  after(() => { moduleInternals._load = original; });
  beforeEach(() => { setContext.length = 0; });

  /** A compute() that finishes when `release` is called. */
  function pending(value: unknown): { compute: () => Promise<unknown>; release: () => void } {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    return { compute: () => gate.then(() => value), release };
  }

  it('another key set while computing does not drop the value', async () => {
    const p = pending(true);
    const done = keys.setContextKeyFrom('test:a', p.compute);
    await keys.setContextKey('test:b', 1);
    p.release();
    await done;
    assert.equal(keys.contextKeyValue('test:a'), true);
    assert.deepEqual(setContext, [['test:b', 1], ['test:a', true]]);
  });

  it('the same key set while computing wins: the computed (older) value is dropped', async () => {
    const p = pending(false);
    const done = keys.setContextKeyFrom('test:c', p.compute);
    await keys.setContextKey('test:c', true);
    p.release();
    await done;
    assert.equal(keys.contextKeyValue('test:c'), true);
    assert.deepEqual(setContext, [['test:c', true]]);
  });

  it('of two computations of one key, the later started wins even when it ends first', async () => {
    const older = pending('old');
    const newer = pending('new');
    const first = keys.setContextKeyFrom('test:d', older.compute);
    const second = keys.setContextKeyFrom('test:d', newer.compute);
    newer.release();
    await second;
    older.release();
    await first;
    assert.equal(keys.contextKeyValue('test:d'), 'new');
    assert.deepEqual(setContext, [['test:d', 'new']]);
  });
});
