import type * as vscode from 'vscode';
import type { User } from '../../vonage';
import type { VonageSession } from '../../credentials/session';
import type { NodeExtension } from '../../tree/composedTree';
import { LoadedPerNode } from '../../tree/loadedPerNode';
import { MessageNode } from '../../tree/messageNode';
import type { TreeNode } from '../../tree/treeNode';
import type { Log } from '../../ui/log';
import type { ApplicationNode } from '../applications/applicationNode';
import type { ApplicationsTree } from '../applications/applicationsTree';
import { LoadMoreNode } from './loadMoreUsersNode';
import { UserNode } from './userNode';

interface UsersState { users: User[]; nextCursor?: string }

/**
 * The users under each application of the Applications view: the first page when the application is
 * expanded, "Load more…" for the next, and the changes the user commands make, re-rendering only
 * that application. What was loaded belongs to the application node it was loaded for: a reloaded
 * list (new nodes) starts afresh.
 */
export class ApplicationUsers implements NodeExtension<ApplicationNode> {
  private readonly loaded = new LoadedPerNode<ApplicationNode, UsersState>();

  constructor(private readonly tree: ApplicationsTree, private readonly session: VonageSession, private readonly log: Log) {}

  /** The users the view has loaded for the application (undefined: not loaded). */
  usersOf(applicationId: string): User[] | undefined {
    const node = this.tree.findApplication(applicationId);
    return node && this.loaded.get(node)?.users;
  }

  /** The cursor of the next page of the application's users, when the view has one. */
  nextCursorOf(applicationId: string): string | undefined {
    const node = this.tree.findApplication(applicationId);
    return node && this.loaded.get(node)?.nextCursor;
  }

  async children(node: ApplicationNode): Promise<TreeNode[]> {
    if (!node.hasKey) return [needsKeyNode(node)];
    let state: UsersState;
    try {
      state = await this.loaded.load(node, () => this.firstPage(node));
    } catch (e) {
      this.log.error(`Listing users of ${node.applicationId} failed`, e);
      return [MessageNode.error(node, e instanceof Error ? e.message : String(e))];
    }
    const children: TreeNode[] = state.users.map((u) => new UserNode(node, u));
    if (state.nextCursor) children.push(new LoadMoreNode(node, state.nextCursor));
    return children.length ? children : [noUsersNode(node)];
  }

  forget(node: ApplicationNode): void {
    this.loaded.forget(node);
  }

  private async firstPage(node: ApplicationNode): Promise<UsersState> {
    const client = await this.session.users(this.session.baseUrl, node.applicationId, node.app.name);
    const page = await client.listPage();
    return { users: page.users, nextCursor: page.nextCursor };
  }

  /** A user's tooltip gets what only the full user has (image URL, custom data), read when it is first hovered. */
  readonly userDetails: NodeExtension<UserNode> = {
    resolve: async (node: UserNode, token: vscode.CancellationToken) => {
      if (node.resolved) return;
      const users = await this.session.users(this.session.baseUrl, node.applicationId, node.parent.app.name);
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      node.setDetails(await users.get(node.user.id, controller.signal));
    },
  };

  add(applicationId: string, user: User): void {
    const node = this.tree.findApplication(applicationId);
    if (!node) return;
    const state = this.loaded.get(node);
    if (state && !state.users.some((u) => u.id === user.id)) state.users.push(user);
    this.tree.refresh(node);
  }

  /** A user changed (Edit User): its node shows the new name, display name and tooltip. */
  update(applicationId: string, user: User): void {
    const node = this.tree.findApplication(applicationId);
    const users = node && this.loaded.get(node)?.users;
    const i = users?.findIndex((u) => u.id === user.id) ?? -1;
    if (!node || !users || i < 0) return;
    users[i] = user;
    this.tree.refresh(node);
  }

  remove(applicationId: string, userId: string): void {
    const node = this.tree.findApplication(applicationId);
    if (!node) return;
    const state = this.loaded.get(node);
    if (state) state.users = state.users.filter((u) => u.id !== userId);
    this.tree.refresh(node);
  }

  /**
   * Shows a user found by name (Find User) in the view: its application's users are loaded if they were
   * not, the user is added when it is beyond the pages loaded so far, and its row is revealed and selected.
   */
  async reveal(applicationId: string, user: User): Promise<void> {
    const app = (await this.tree.applications()).find((n) => n.applicationId === applicationId);
    if (!app) return;
    if (!this.loaded.get(app)) await this.tree.getChildren(app);
    const users = this.loaded.get(app)?.users;
    if (users && !users.some((u) => u.id === user.id)) {
      users.push(user);
      this.tree.refresh(app);
    }
    await this.tree.reveal(new UserNode(app, user));
  }

  /** Fetches the next page of users for a "Load more…" node and appends it. */
  async loadMore(node: LoadMoreNode, signal?: AbortSignal): Promise<number> {
    const app = node.parent;
    const state = this.loaded.get(app);
    // The node is stale when its application's users were reloaded (Refresh, key change) before or
    // during this load: appending would show page N alone or after a different first page. The
    // reload re-renders the fresh first page (with its own "Load more…"), so this load is dropped.
    const current = () => this.loaded.get(app) === state && state?.nextCursor === node.cursor && this.tree.findApplication(app.applicationId) === app;
    if (!state || !current()) {
      this.log.debug(`Load more users of ${app.applicationId}: the list was reloaded; nothing appended.`);
      return 0;
    }
    const users = await this.session.users(this.session.baseUrl, app.applicationId, app.app.name);
    const page = await users.listPage({ cursor: node.cursor, signal });
    if (!current()) {
      this.log.debug(`Load more users of ${app.applicationId}: the list was reloaded while loading; page dropped.`);
      return 0;
    }
    const seen = new Set(state.users.map((u) => u.id));
    state.users.push(...page.users.filter((u) => !seen.has(u.id)));
    state.nextCursor = page.nextCursor;
    this.tree.refresh(app);
    return page.users.length;
  }
}

function needsKeyNode(parent: ApplicationNode): MessageNode {
  return new MessageNode(parent, 'needsKey', 'Users need this application\'s private key — import it', {
    icon: 'key',
    tooltip: 'Listing and creating users is signed with the application\'s private key, which this VS Code does not hold. Click to import it from a file or pasted text.',
    command: { command: 'vonage.importPrivateKey', title: 'Import Private Key', arguments: [parent] },
  });
}

function noUsersNode(parent: ApplicationNode): MessageNode {
  return new MessageNode(parent, 'noUsers', 'No users yet — create one', {
    icon: 'add', command: { command: 'vonage.createUser', title: 'Create User', arguments: [parent] },
  });
}
