import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import type { Services } from '../../services';
import type { ApplicationConversations } from './applicationConversations';
import { LoadMoreConversationsNode } from './conversationsGroupNode';

/** Tree-only "Load more…" under Conversations: the number of conversations added. */
export function registerLoadMoreConversations(s: Services, c: ApplicationConversations): void {
  registerCommand(s.context, 'vonage.loadMoreConversations', s, async (arg) => {
    if (!(arg instanceof LoadMoreConversationsNode)) return 0;
    return withProgress('Vonage: loading more conversations…', (signal) => c.loadMore(arg, signal));
  });
}
