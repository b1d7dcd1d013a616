// A long session does not grow memory forever: the tree's change record and the log's in-memory copy
// keep only their most recent entries.
import * as assert from 'assert';
import type * as vscode from 'vscode';
import { ApplicationsTree, CHANGES_KEPT } from '../../src/features/applications/applicationsTree';
import { LOG_LINES_KEPT, Log } from '../../src/ui/log';
import { generateKeyPair } from '../../src/vonage';

function silentChannel(): vscode.LogOutputChannel {
  const noop = () => undefined;
  return { info: noop, warn: noop, error: noop, debug: noop, trace: noop, show: noop, dispose: noop } as unknown as vscode.LogOutputChannel;
}

describe('memory: bounded records', () => {
  let pem: string;
  before(async () => { pem = (await generateKeyPair()).privateKey.trimEnd(); });

  it(`the log keeps the last ${LOG_LINES_KEPT} lines and says how many it dropped`, () => {
    const log = new Log(silentChannel());
    for (let i = 0; i < LOG_LINES_KEPT + 100; i++) log.info(`line ${i}`);
    const lines = log.text().split('\n');
    assert.strictEqual(lines.length, LOG_LINES_KEPT + 1);
    assert.strictEqual(lines[0], '[100 earlier lines dropped]');
    assert.strictEqual(lines[1], '[info] line 100');
    assert.strictEqual(lines[lines.length - 1], `[info] line ${LOG_LINES_KEPT + 99}`);
    log.warn(`still redacted: ${pem}`);
    assert.strictEqual(log.text().split('\n').slice(-1)[0], '[warn] still redacted: [redacted private key]');
    assert.strictEqual(log.text().split('\n')[0], '[101 earlier lines dropped]');
  });

  it(`the tree keeps the last ${CHANGES_KEPT} change events and counts them all`, () => {
    const log = new Log(silentChannel());
    const tree = new ApplicationsTree(undefined as never, log);
    try {
      for (let i = 0; i < CHANGES_KEPT + 50; i++) tree.refresh();
      assert.strictEqual(tree.changes.length, CHANGES_KEPT);
      assert.strictEqual(tree.changeCount, CHANGES_KEPT + 50);
      const before = tree.changeCount;
      tree.refresh({ id: 'app:x' } as never);
      assert.deepStrictEqual(tree.changesSince(before), ['app:x']);
      assert.deepStrictEqual(tree.changesSince(tree.changeCount), []);
      assert.throws(() => tree.changesSince(0), /only the last 200 are kept/);
    } finally {
      tree.dispose();
    }
  });
});
