import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import type { Services } from '../../services';
import { LoadMoreCallsNode } from './callNodes';
import type { CallsFeature } from './callsFeature';

/** Tree-only "Load more…" under Calls: the number of (older) calls added. */
export function registerLoadMoreCalls(s: Services, f: CallsFeature): void {
  registerCommand(s.context, 'vonage.loadMoreCalls', s, async (arg) => {
    if (!(arg instanceof LoadMoreCallsNode)) return 0;
    return withProgress('Vonage: loading older calls…', (signal) => f.calls.loadMore(arg, signal));
  });
}
