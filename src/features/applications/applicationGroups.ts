import type { Services } from '../../services';
import { LoadedPerNode } from '../../tree/loadedPerNode';
import type { TreeNode } from '../../tree/treeNode';
import type { ApplicationNode } from './applicationNode';

/**
 * A feature's group under each application of the view ("Conversations", "Calls"): one node per application
 * node (the view refreshes it by identity), the state loaded for it (read once; see LoadedPerNode), and
 * revealing it. What was loaded belongs to the application node: a reloaded application starts afresh.
 */
export class ApplicationGroups<G extends TreeNode, S> {
  readonly loaded = new LoadedPerNode<ApplicationNode, S>();
  private readonly groups = new WeakMap<ApplicationNode, G>();

  constructor(private readonly s: Pick<Services, 'tree' | 'view' | 'log'>, private readonly what: string, private readonly make: (app: ApplicationNode) => G) {}

  groupOf(app: ApplicationNode): G {
    let group = this.groups.get(app);
    if (!group) this.groups.set(app, group = this.make(app));
    return group;
  }

  /** The group of the application, if the view has shown it. */
  shownGroupOf(applicationId: string): G | undefined {
    const app = this.s.tree.findApplication(applicationId);
    return app && this.groups.get(app);
  }

  /** What was loaded for the application (undefined: not loaded, or still being read). */
  stateOf(applicationId: string): S | undefined {
    const app = this.s.tree.findApplication(applicationId);
    return app && this.loaded.get(app);
  }

  /** Re-renders the application's group (the application itself when the group was never shown). */
  refresh(applicationId: string): void {
    const app = this.s.tree.findApplication(applicationId);
    if (app) this.s.tree.refresh(this.groups.get(app) ?? app);
  }

  /** Reveals the application's group, expanded (a List command by hand). */
  async show(applicationId: string): Promise<void> {
    const app = (await this.s.tree.applications()).find((n) => n.applicationId === applicationId);
    if (!app) return;
    try {
      await this.s.view.reveal(this.groupOf(app), { select: true, focus: true, expand: true });
    } catch (e) {
      this.s.log.debug(`Revealing the ${this.what} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
