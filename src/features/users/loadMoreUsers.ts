import { LoadMoreNode } from './loadMoreUsersNode';
import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { applicationIdOf } from '../applications/applicationArgs';
import type { Services } from '../../services';

/** Tree-only "Load more…": a LoadMoreNode (or `{ applicationId }`) → the number of users added. */
export function registerLoadMoreUsers(s: Services): void {
  registerCommand(s.context, 'vonage.loadMoreUsers', s, async (arg) => {
    let node = arg instanceof LoadMoreNode ? arg : undefined;
    if (!node) {
      const id = applicationIdOf(arg);
      const app = id ? s.tree.findApplication(id) : undefined;
      const cursor = id ? s.users.nextCursorOf(id) : undefined;
      if (!app || !cursor) return 0;
      node = new LoadMoreNode(app, cursor);
    }
    const target = node;
    return withProgress('Vonage: loading more users…', (signal) => s.users.loadMore(target, signal));
  });
}
