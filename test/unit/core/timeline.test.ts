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

  it('a call\'s leg status, by whose leg it is: what a call\'s timeline is mostly made of', () => {
    assert.equal(eventSummary({ id: '1', type: 'leg:status:update', from: 'MEM-1', timestamp: '', body: { leg_id: 'a1b2', type: 'app', status: 'ringing' } }, names), 'alice: ringing (app leg a1b2)');
    assert.equal(eventSummary({ id: '2', type: 'leg:status:update', timestamp: '', body: { leg_id: 'c3d4', type: 'phone', status: 'started' } }, names), 'a leg: started (phone leg c3d4)');
    assert.equal(eventSummary({ id: '3', type: 'leg:status:update', timestamp: '' }, names), 'a leg: a new status (leg)');
  });
});
