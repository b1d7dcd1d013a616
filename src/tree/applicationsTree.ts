import * as vscode from 'vscode';
import type { Application, User } from '../vonage';
import type { VonageSession } from '../credentials/session';
import { SIGNED_IN_CONTEXT, setContextKey } from '../ui/contextKeys';
import type { Log } from '../ui/log';
import { ApplicationNode } from '../features/applications/applicationNode';
import { CapabilityNode, editableCapabilities } from '../features/applications/capabilityNode';
import { LoadMoreNode } from '../features/users/loadMoreUsersNode';
import { MessageNode } from './messageNode';
import type { TreeNode } from './treeNode';
import { UserNode } from '../features/users/userNode';

/** How many change events `ApplicationsTree.changes` keeps. */
export const CHANGES_KEPT = 200;

/**
 * The Applications view. One EventEmitter; `refresh(node)` re-renders only that node, so creating a
 * user re-renders its application and nothing else. Applications are fetched once and then kept;
 * `reload(node?)` is the explicit "fetch again" (the Refresh command, retry on an error node).
 */
export class ApplicationsTree implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** For tests: which node each of the last CHANGES_KEPT change events named ('root' or the node's id). */
  readonly changes: string[] = [];
  /** How many change events there were in all (`changes` keeps only the last CHANGES_KEPT). */
  changeCount = 0;
  private apps?: ApplicationNode[];
  private loading?: Promise<ApplicationNode[]>;
  private generation = 0;
  view?: vscode.TreeView<TreeNode>;
  /** Called each time the root is rendered (after the signed-in state was read): the active account display follows. */
  onRootLoaded?: () => void;

  constructor(private readonly session: VonageSession, private readonly log: Log) {}

  dispose(): void { this.emitter.dispose(); }

  getTreeItem(node: TreeNode): vscode.TreeItem { return node; }

  getParent(node: TreeNode): TreeNode | undefined { return node.parent; }

  /** A user's tooltip gets what only the full user has (image URL, custom data), read when it is first hovered. */
  async resolveTreeItem(item: vscode.TreeItem, node: TreeNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    if (!(node instanceof UserNode) || node.resolved) return item;
    try {
      const users = await this.session.users(this.session.baseUrl, node.applicationId, node.parent.app.name);
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      node.setDetails(await users.get(node.user.id, controller.signal));
    } catch (e) {
      this.log.debug(`Reading user ${node.user.id} for its tooltip failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    return node;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.rootChildren();
    if (node instanceof ApplicationNode) return this.applicationChildren(node);
    return [];
  }

  /** Re-renders one node (or the whole view) from what is already loaded. */
  refresh(node?: TreeNode): void {
    this.changes.push(node ? String(node.id) : 'root');
    if (this.changes.length > CHANGES_KEPT) this.changes.splice(0, this.changes.length - CHANGES_KEPT); // a long session must not grow it forever
    this.changeCount++;
    this.emitter.fire(node);
  }

  /** For tests: the change events since `changeCount` was `count`. */
  changesSince(count: number): string[] {
    const n = this.changeCount - count;
    if (n > this.changes.length) throw new Error(`${n} changes happened since, but only the last ${this.changes.length} are kept.`);
    return n > 0 ? this.changes.slice(-n) : [];
  }

  /** Forgets what was loaded for this node (or everything) and fetches it again. */
  reload(node?: TreeNode): void {
    if (node instanceof ApplicationNode) {
      node.usersState = undefined;
      this.refresh(node);
      return;
    }
    this.apps = undefined;
    this.loading = undefined;
    this.generation++;
    this.refresh();
  }

  /** The loaded application nodes (loading them if needed). */
  async applications(): Promise<ApplicationNode[]> {
    if (this.apps) return this.apps;
    if (!this.loading) {
      const gen = this.generation;
      const loading = this.loadApplications().then((nodes) => {
        if (gen === this.generation) this.apps = nodes;
        return nodes;
      }).finally(() => { if (this.loading === loading) this.loading = undefined; });
      this.loading = loading;
    }
    return this.loading;
  }

  findApplication(id: string): ApplicationNode | undefined {
    return this.apps?.find((n) => n.applicationId === id);
  }

  /** Adds a just-created application to the loaded list and re-renders the root (or, nothing loaded yet, loads the list). */
  addApplication(app: Application, hasKey: boolean): void {
    if (this.findApplication(app.id)) return;
    if (this.apps) {
      this.apps = sortByName([...this.apps, new ApplicationNode(app, hasKey)]);
      this.refresh();
    } else {
      this.reload();
    }
  }

  updateApplication(app: Application): void {
    const node = this.findApplication(app.id);
    if (!node) return;
    node.app = app;
    node.update();
    if (this.apps) this.apps = sortByName(this.apps);
    this.refresh(); // the order may change: the parent of an application is the root
  }

  removeApplication(id: string): void {
    if (!this.apps) return;
    const before = this.apps.length;
    this.apps = this.apps.filter((n) => n.applicationId !== id);
    if (this.apps.length !== before) this.refresh();
  }

  /** The private key for an application came or went: re-render only that application. */
  setHasKey(id: string, hasKey: boolean): void {
    const node = this.findApplication(id);
    if (!node || node.hasKey === hasKey) return;
    node.hasKey = hasKey;
    node.usersState = undefined;
    node.update();
    this.refresh(node);
  }

  addUser(applicationId: string, user: User): void {
    const node = this.findApplication(applicationId);
    if (!node) return;
    if (node.usersState && !node.usersState.users.some((u) => u.id === user.id)) {
      node.usersState.users.push(user);
    }
    this.refresh(node);
  }

  /** A user changed (Edit User): its node shows the new name, display name and tooltip. */
  updateUser(applicationId: string, user: User): void {
    const node = this.findApplication(applicationId);
    const users = node?.usersState?.users;
    const i = users?.findIndex((u) => u.id === user.id) ?? -1;
    if (!node || !users || i < 0) return;
    users[i] = user;
    this.refresh(node);
  }

  /**
   * Shows a user found by name (Find User) in the view: its application's users are loaded if they were
   * not, the user is added when it is beyond the pages loaded so far, and its row is revealed and selected.
   */
  async revealUser(applicationId: string, user: User): Promise<void> {
    const app = (await this.applications()).find((n) => n.applicationId === applicationId);
    if (!app) return;
    if (!app.usersState) await this.getChildren(app);
    const users = app.usersState?.users;
    if (users && !users.some((u) => u.id === user.id)) {
      users.push(user);
      this.refresh(app);
    }
    await this.reveal(new UserNode(app, user));
  }

  removeUser(applicationId: string, userId: string): void {
    const node = this.findApplication(applicationId);
    if (!node) return;
    if (node.usersState) node.usersState.users = node.usersState.users.filter((u) => u.id !== userId);
    this.refresh(node);
  }

  /** Fetches the next page of users for a "Load more…" node and appends it. */
  async loadMore(node: LoadMoreNode, signal?: AbortSignal): Promise<number> {
    const app = node.parent;
    const state = app.usersState;
    // The node is stale when its application's users were reloaded (Refresh, key change) before or
    // during this load: appending would show page N alone or after a different first page. The
    // reload re-renders the fresh first page (with its own "Load more…"), so this load is dropped.
    const current = () => app.usersState === state && state?.nextCursor === node.cursor && this.findApplication(app.applicationId) === app;
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
    this.refresh(app);
    return page.users.length;
  }

  async reveal(node: TreeNode): Promise<void> {
    try {
      await this.view?.reveal(node, { select: true, focus: false, expand: false });
    } catch (e) {
      this.log.debug(`reveal failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async rootChildren(): Promise<TreeNode[]> {
    const signedIn = await this.session.isSignedIn(this.session.baseUrl);
    await setContextKey(SIGNED_IN_CONTEXT, signedIn);
    this.onRootLoaded?.();
    if (!signedIn) {
      this.apps = undefined;
      return []; // the viewsWelcome text takes over
    }
    try {
      const apps = await this.applications();
      return apps.length ? apps : [MessageNode.empty()];
    } catch (e) {
      this.log.error('Listing applications failed', e);
      return [MessageNode.error(undefined, errorText(e))];
    }
  }

  private async loadApplications(): Promise<ApplicationNode[]> {
    const baseUrl = this.session.baseUrl; // once: the list and the key index must be of the same host
    const client = await this.session.applications(baseUrl);
    const apps = await client.list();
    const withKeys = new Set(await this.session.store.privateKeyIdsFor(baseUrl, apps)); // attaches a key kept from an unclear create
    return sortByName(apps.map((a) => new ApplicationNode(a, withKeys.has(a.id))));
  }

  /** The application's capabilities (read with the list: no key needed), then its users. */
  private async applicationChildren(node: ApplicationNode): Promise<TreeNode[]> {
    const capabilities = editableCapabilities(node.app).map((c) => new CapabilityNode(node, c));
    return [...capabilities, ...await this.userChildren(node)];
  }

  private async userChildren(node: ApplicationNode): Promise<TreeNode[]> {
    if (!node.hasKey) return [MessageNode.needsKey(node)];
    if (!node.usersState) {
      try {
        const client = await this.session.users(this.session.baseUrl, node.applicationId, node.app.name);
        const page = await client.listPage();
        node.usersState = { users: page.users, nextCursor: page.nextCursor };
      } catch (e) {
        this.log.error(`Listing users of ${node.applicationId} failed`, e);
        return [MessageNode.error(node, errorText(e))];
      }
    }
    const { users, nextCursor } = node.usersState;
    const children: TreeNode[] = users.map((u) => new UserNode(node, u));
    if (nextCursor) children.push(new LoadMoreNode(node, nextCursor));
    return children.length ? children : [MessageNode.noUsers(node)];
  }
}

function sortByName(nodes: ApplicationNode[]): ApplicationNode[] {
  return [...nodes].sort((a, b) => a.app.name.localeCompare(b.app.name, undefined, { sensitivity: 'base' }) || a.app.id.localeCompare(b.app.id));
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
