import { type Call, isLive } from '../../vonage/voice';
import type { VoiceClient } from '../../vonage/voiceClient';
import type { Services } from '../../services';
import type { NodeExtension } from '../../tree/composedTree';
import { MessageNode } from '../../tree/messageNode';
import type { TreeNode } from '../../tree/treeNode';
import { ApplicationGroups } from '../applications/applicationGroups';
import type { ApplicationNode } from '../applications/applicationNode';
import { CallNode, CallsGroupNode, LoadMoreCallsNode } from './callNodes';
import { LiveCalls } from './liveCalls';

/** Calls per page of the view (the API serves up to 100). */
const CALLS_PAGE_SIZE = 20;

export interface AppCalls {
  /** Newest first. */
  calls: Call[];
  /** How many calls the API counts for the application. */
  count: number;
}

/**
 * The calls under each application of the Applications view: the newest page when "Calls" is expanded,
 * "Load more…" for older ones, the calls placed here added at the top, and live calls followed until they end.
 */
export class ApplicationCalls {
  private readonly groups: ApplicationGroups<CallsGroupNode, AppCalls>;
  readonly live: LiveCalls;

  constructor(private readonly s: Services) {
    this.groups = new ApplicationGroups(s, 'calls', (app) => new CallsGroupNode(app));
    this.live = new LiveCalls(s.log, (applicationId) => this.stateOf(applicationId), (applicationId) => this.client(applicationId), (applicationId) => this.refreshGroup(applicationId));
  }

  /** The Voice API client of the application (its admin token). */
  async client(applicationId: string): Promise<VoiceClient> {
    return this.s.session.voice(this.s.session.baseUrl, applicationId, this.s.tree.findApplication(applicationId)?.app.name);
  }

  /** "Calls" under every application. */
  readonly application: NodeExtension<ApplicationNode> = {
    children: (app) => [this.groups.groupOf(app)],
    forget: (app) => { this.groups.loaded.forget(app); this.live.stop(app.applicationId); },
  };

  readonly group: NodeExtension<CallsGroupNode> = {
    children: (group) => this.groupChildren(group),
  };

  /** The calls the view has loaded for the application (undefined: not loaded). */
  callsOf(applicationId: string): Call[] | undefined {
    return this.stateOf(applicationId)?.calls;
  }

  stateOf(applicationId: string): AppCalls | undefined {
    return this.groups.stateOf(applicationId);
  }

  /** A call placed here goes to the top (when the list is loaded) and is followed while it is live. */
  added(applicationId: string, call: Call): void {
    const state = this.stateOf(applicationId);
    if (state && !state.calls.some((c) => c.uuid === call.uuid)) {
      state.calls.unshift(call);
      state.count++;
      this.live.restart(applicationId);
    }
    this.refreshGroup(applicationId);
  }

  /** A call changed here (hung up): its row shows the new status. */
  updated(applicationId: string, call: Call): void {
    const state = this.stateOf(applicationId);
    const i = state?.calls.findIndex((c) => c.uuid === call.uuid) ?? -1;
    if (state && i >= 0) state.calls[i] = call;
    this.refreshGroup(applicationId);
  }

  /** Reveals the application's "Calls", expanded (List Calls by hand). */
  show(applicationId: string): Promise<void> {
    return this.groups.show(applicationId);
  }

  /** The next older page, appended; the number of calls added. */
  async loadMore(node: LoadMoreCallsNode, signal?: AbortSignal): Promise<number> {
    const applicationId = node.parent.applicationId;
    const state = this.stateOf(applicationId);
    if (!state || state.calls.length !== node.shown) return 0; // reloaded or grown meanwhile: what shows is current
    const page = await (await this.client(applicationId)).listPage({ order: 'desc', pageSize: CALLS_PAGE_SIZE, recordIndex: state.calls.length }, signal);
    if (this.stateOf(applicationId) !== state) return 0;
    const seen = new Set(state.calls.map((c) => c.uuid));
    const fresh = page.items.filter((c) => !seen.has(c.uuid)); // a call placed meanwhile shifts the pages by one
    state.calls.push(...fresh);
    state.count = page.count;
    this.refreshGroup(applicationId);
    return fresh.length;
  }

  /** Re-renders "Calls" (its "2 live" first: VS Code reads a row before its children) and its calls. */
  private refreshGroup(applicationId: string): void {
    const state = this.stateOf(applicationId);
    if (state) this.groups.shownGroupOf(applicationId)?.showLive(state.calls.filter((c) => isLive(c.status)).length);
    this.groups.refresh(applicationId);
  }

  private async groupChildren(group: CallsGroupNode): Promise<TreeNode[]> {
    if (!group.parent.hasKey) return [needsKeyNode(group)];
    let state: AppCalls;
    try {
      state = await this.groups.loaded.load(group.parent, () => this.firstPage(group.applicationId));
    } catch (e) {
      this.s.log.error(`Listing calls of ${group.applicationId} failed`, e);
      return [MessageNode.error(group.parent, e instanceof Error ? e.message : String(e))];
    }
    const live = this.live.follow(group.applicationId, state.calls);
    if (group.liveShown !== live) {
      group.showLive(live);
      setTimeout(() => this.s.tree.refresh(group), 0); // first read: the row was drawn before its count was known
    }
    const children: TreeNode[] = state.calls.map((c) => new CallNode(group, c));
    if (state.calls.length < state.count) children.push(new LoadMoreCallsNode(group, state.calls.length));
    return children.length ? children : [noCallsNode(group)];
  }

  private async firstPage(applicationId: string): Promise<AppCalls> {
    const page = await (await this.client(applicationId)).listPage({ order: 'desc', pageSize: CALLS_PAGE_SIZE });
    return { calls: page.items, count: page.count };
  }
}

function needsKeyNode(group: CallsGroupNode): MessageNode {
  return new MessageNode(group, 'needsKey', "Calls need this application's private key — import it", {
    icon: 'key',
    tooltip: "The Voice API is called with a token signed by the application's private key, which this VS Code does not hold. Click to import it.",
    command: { command: 'vonage.importPrivateKey', title: 'Import Private Key', arguments: [group.parent] },
  });
}

function noCallsNode(group: CallsGroupNode): MessageNode {
  return new MessageNode(group, 'noCalls', 'No calls yet — call a user', {
    icon: 'call-outgoing', command: { command: 'vonage.callUser', title: 'Call a User', arguments: [group] },
  });
}
