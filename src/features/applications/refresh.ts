import { registerCommand } from '../../ui/commandWrapper';
import { applicationIdOf } from './applicationArgs';
import type { Services } from '../../services';

/**
 * Vonage: Refresh — no argument: fetch the applications again; an application node (or
 * `{ applicationId }`): fetch only its users. Scripted, it waits and returns the count loaded.
 */
export function registerRefresh(s: Services): void {
  registerCommand(s.context, 'vonage.refresh', s, async (arg, inv) => {
    const appId = applicationIdOf(arg);
    const node = appId ? s.tree.findApplication(appId) : undefined;
    s.tree.reload(node);
    if (!inv.scripted) return undefined;
    if (node) {
      const children = await s.tree.getChildren(node);
      return { users: s.users.usersOf(node.applicationId)?.length ?? 0, children: children.length };
    }
    if (!await s.session.isSignedIn(s.session.baseUrl)) return { applications: 0 };
    return { applications: (await s.tree.applications()).length };
  }, { worksSignedOut: true });
}
