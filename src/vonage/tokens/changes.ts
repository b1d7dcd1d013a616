// One edit event can hold several changes (multi-cursor typing, a format, a replace-all), applied one
// after the other, each in the offsets of the text the previous ones left. The rescan wants one change:
// this folds them into the single change that spans them all.
import type { TextChange } from './rescan';

/**
 * The one change equivalent to `changes` applied in order (each `offset` in the text as the changes
 * before it left it): from the first offset any of them touched to the last, in the original text's
 * offsets for `offset` and `removedLength` and the final text's for `insertedLength`.
 */
export function mergeChanges(changes: readonly TextChange[]): TextChange | undefined {
  let merged: TextChange | undefined;
  for (const c of changes) {
    if (!merged) {
      merged = { ...c };
      continue;
    }
    const start = Math.min(merged.offset, c.offset);
    // Both ends in the offsets of the text before `c`: the merged span's end there is offset + insertedLength.
    const end = Math.max(merged.offset + merged.insertedLength, c.offset + c.removedLength);
    const originalEnd = end - merged.insertedLength + merged.removedLength;
    merged = {
      offset: start,
      removedLength: originalEnd - start,
      insertedLength: end - start - c.removedLength + c.insertedLength,
    };
  }
  return merged;
}
