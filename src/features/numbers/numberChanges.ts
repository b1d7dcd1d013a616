import type { Services } from '../../services';
import type { OwnedNumber } from '../../vonage/numbers';
import type { NumbersFeature } from './numbersFeature';

/**
 * A number was linked, unlinked or released here: the Numbers view shows it at once, and the
 * applications it was and is linked to re-render their "Numbers".
 */
export function showNumberChange(s: Services, n: NumbersFeature, change: { before?: OwnedNumber; after?: OwnedNumber; msisdn: string }): void {
  if (change.after) n.tree.put(change.after);
  else n.tree.remove(change.msisdn);
  for (const id of new Set([change.before?.applicationId, change.after?.applicationId])) {
    const node = id ? s.tree.findApplication(id) : undefined;
    if (node) s.tree.refresh(node);
  }
}
