import * as assert from 'node:assert/strict';
import { eventSummary, eventTime, timelineLines } from '../../../src/vonage';

const names = new Map([['MEM-1', 'alice'], ['MEM-2', 'bob']]);

describe('core: the events timeline', () => {
  it('one line per event: UTC time, type, who and the text', () => {
    const lines = timelineLines([
      { id: '1', type: 'member:joined', from: 'MEM-1', timestamp: '2026-12-03T06:41:12.345Z', body: { user: { id: 'USR-1', name: 'alice' } } },
      { id: '2', type: 'text', from: 'MEM-2', timestamp: '2026-12-03T06:42:00.000Z', body: { text: 'Hello\nthere' } },
    ], names);
    assert.deepEqual(lines, [
      '2026-12-03 06:41:12  member:joined   alice joined',
      '2026-12-03 06:42:00  text            bob: Hello ⏎ there',
    ]);
  });

  it('member states, unknown members by id, other types as a short body, long text cut', () => {
    assert.equal(eventSummary({ id: '1', type: 'member:invited', from: 'MEM-9', timestamp: '' }, names), 'MEM-9 was invited');
    assert.equal(eventSummary({ id: '1', type: 'member:left', from: 'MEM-2', timestamp: '' }, names), 'bob left');
    assert.equal(eventSummary({ id: '1', type: 'custom:ping', timestamp: '', body: { a: 1 } }, names), '{"a":1}');
    const long = eventSummary({ id: '1', type: 'text', from: 'MEM-1', timestamp: '', body: { text: 'x'.repeat(500) } }, names);
    assert.ok(long.length <= 'alice: '.length + 120 && long.endsWith('…'));
    assert.equal(eventTime('not a time'), 'not a time');
  });
});
