// Several changes in one edit event (multi-cursor typing, replace-all), folded into one change for the
// rescan: applying the changes one after the other and rescanning with the folded change must agree with
// a full scan of the result.
import * as assert from 'node:assert/strict';
import { findJwts, mergeChanges, rescanAfterChange, stringSource, type TextChange } from '../../../src/vonage';

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const TOKEN = `${b64({ alg: 'RS256' })}.${b64({ application_id: 'a', sub: 'alice', exp: 2 })}.${'s'.repeat(40)}`;

interface Edit { offset: number; removed: number; inserted: string }

/** Applies the edits in order, each in the offsets of the text the previous ones left. */
function applyAll(text: string, edits: Edit[]): string {
  return edits.reduce((t, e) => t.slice(0, e.offset) + e.inserted + t.slice(e.offset + e.removed), text);
}

const asChanges = (edits: Edit[]): TextChange[] => edits.map((e) => ({ offset: e.offset, removedLength: e.removed, insertedLength: e.inserted.length }));

describe('token rescan: several changes in one edit', () => {
  it('one change stays what it is; none is undefined', () => {
    assert.deepEqual(mergeChanges([{ offset: 3, removedLength: 2, insertedLength: 5 }]), { offset: 3, removedLength: 2, insertedLength: 5 });
    assert.equal(mergeChanges([]), undefined);
  });

  it('multi-cursor typing, last cursor first (as VS Code sends it), spans from the first to the last', () => {
    const text = 'aaaa\nbbbb\ncccc';
    const edits: Edit[] = [{ offset: 10, removed: 0, inserted: 'X' }, { offset: 5, removed: 0, inserted: 'X' }, { offset: 0, removed: 0, inserted: 'X' }];
    const merged = mergeChanges(asChanges(edits))!;
    const after = applyAll(text, edits);
    assert.equal(after, 'Xaaaa\nXbbbb\nXcccc');
    assert.equal(after.slice(merged.offset, merged.offset + merged.insertedLength), 'Xaaaa\nXbbbb\nX');
    assert.equal(text.slice(merged.offset, merged.offset + merged.removedLength), 'aaaa\nbbbb\n');
  });

  it('random groups of changes agree with a full scan', () => {
    let seed = 11;
    const rand = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const pieces = ['\n', 'x', '.', TOKEN, TOKEN.slice(0, 30), '"', ''];
    let text = `a ${TOKEN}\nmiddle\n"${TOKEN}" end\n`;
    for (let round = 0; round < 200; round++) {
      const edits: Edit[] = [];
      let current = text;
      for (let k = rand(4) + 1; k > 0; k--) {
        const offset = rand(current.length + 1);
        const e = { offset, removed: Math.min(rand(6), current.length - offset), inserted: pieces[rand(pieces.length)] };
        edits.push(e);
        current = applyAll(current, [e]);
      }
      const merged = mergeChanges(asChanges(edits))!;
      const got = rescanAfterChange(findJwts(text), merged, stringSource(current));
      assert.deepEqual(got, findJwts(current), `round ${round}: ${JSON.stringify(edits)}`);
      text = current;
    }
  });
});
