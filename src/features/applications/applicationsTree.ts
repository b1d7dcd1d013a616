import type { Application } from '../../vonage';
import type { VonageSession } from '../../credentials/session';
import { ComposedTree } from '../../tree/composedTree';
import { MessageNode } from '../../tree/messageNode';
import type { TreeNode } from '../../tree/treeNode';
import { SIGNED_IN_CONTEXT, setContextKey } from '../../ui/contextKeys';
import type { Log } from '../../ui/log';
import { ApplicationNode } from './applicationNode';

export { CHANGES_KEPT } from '../../tree/composedTree';

/**
 * The Applications view: the active account's applications at the root, each with what the features
 * hang under it (capabilities, users, …, see `extend`). Applications are fetched once and then kept;
 * `reload(node?)` is the explicit "fetch again" (the Refresh command, retry on an error node).
 */
export class ApplicationsTree extends ComposedTree {
  private apps?: ApplicationNode[];
  private loading?: Promise<ApplicationNode[]>;
  private generation = 0;
  /** Called each time the root is rendered (after the signed-in state was read): the active account display follows. */
  onRootLoaded?: () => void;

  constructor(private readonly session: VonageSession, protected override readonly log: Log) {
    super(log);
    this.extend(ApplicationNode, { resolve: (node) => Promise.resolve(node.resolveTooltip()) });
  }

  /** Forgets what was loaded for this node (or everything) and fetches it again. */
  reload(node?: TreeNode): void {
    if (node instanceof ApplicationNode) {
      this.forgetUnder(node);
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

  /** The private key for an application came or went: re-render only that application, its children read again. */
  setHasKey(id: string, hasKey: boolean): void {
    const node = this.findApplication(id);
    if (!node || node.hasKey === hasKey) return;
    node.hasKey = hasKey;
    node.update();
    this.forgetUnder(node);
  }

  protected async rootChildren(): Promise<TreeNode[]> {
    const signedIn = await this.session.isSignedIn(this.session.baseUrl);
    await setContextKey(SIGNED_IN_CONTEXT, signedIn);
    this.onRootLoaded?.();
    if (!signedIn) {
      this.apps = undefined;
      return []; // the viewsWelcome text takes over
    }
    try {
      const apps = await this.applications();
      return apps.length ? apps : [noApplicationsNode()];
    } catch (e) {
      this.log.error('Listing applications failed', e);
      return [MessageNode.error(undefined, e instanceof Error ? e.message : String(e))];
    }
  }

  private async loadApplications(): Promise<ApplicationNode[]> {
    const baseUrl = this.session.baseUrl; // once: the list and the key index must be of the same host
    const client = await this.session.applications(baseUrl);
    // The key index is read from SecretStorage while the list is on the network, not after it.
    const [apps, ids] = await Promise.all([client.list(), this.session.store.privateKeyIds(baseUrl)]);
    const withKeys = new Set(await this.session.store.privateKeyIdsFor(baseUrl, apps, ids)); // attaches a key kept from an unclear create
    return sortByName(apps.map((a) => new ApplicationNode(a, withKeys.has(a.id))));
  }
}

function noApplicationsNode(): MessageNode {
  return new MessageNode(undefined, 'empty', 'No applications yet — create one', {
    icon: 'add', command: { command: 'vonage.createApplication', title: 'Create Application' },
  });
}

/**
 * One collator for every comparison: String.localeCompare with options builds one per call, which made
 * sorting 1,000 applications a visible part of each Refresh.
 */
const byName = new Intl.Collator(undefined, { sensitivity: 'base' });

function sortByName(nodes: ApplicationNode[]): ApplicationNode[] {
  return [...nodes].sort((a, b) => byName.compare(a.app.name, b.app.name) || (a.app.id < b.app.id ? -1 : a.app.id > b.app.id ? 1 : 0));
}
