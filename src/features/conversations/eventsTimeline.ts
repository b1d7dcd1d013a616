import vscode = require('vscode');
import type { ConversationEvent } from '../../vonage/conversations';
import { timelineLines } from '../../vonage/timeline';
import type { ApplicationConversations } from './applicationConversations';

export const EVENTS_SCHEME = 'vonage-events';
/** Events per page: the first page is the newest this many. */
export const TIMELINE_PAGE_SIZE = 100;
/** Header lines above the events (the CodeLens sits on the first). */
export const TIMELINE_HEADER_LINES = 3;

interface Timeline {
  applicationId: string;
  conversationId: string;
  title: string;
  /** Oldest first. */
  events: ConversationEvent[];
  /** The cursor of the next older page, while there is one. */
  olderCursor?: string;
  names: Map<string, string>;
}

/**
 * The read-only timeline documents of conversations (a TextDocumentContentProvider: they cannot be
 * edited or saved, and live only in memory). The first page is the newest events (one round trip;
 * the member names are read alongside); older pages are read on demand with "Load older events",
 * "Refresh" reads the newest again. A CodeLens on the first line offers both.
 */
export class EventsTimeline implements vscode.TextDocumentContentProvider, vscode.CodeLensProvider, vscode.Disposable {
  private readonly timelines = new Map<string, Timeline>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  private readonly closing: vscode.Disposable;

  constructor(private readonly conversations: ApplicationConversations) {
    // A closed timeline's events are let go (a conversation may have thousands): opening Events reads them again.
    this.closing = vscode.workspace.onDidCloseTextDocument((d) => { if (d.uri.scheme === EVENTS_SCHEME) this.timelines.delete(d.uri.toString()); });
  }

  dispose(): void {
    this.closing.dispose();
    this.changed.dispose();
  }

  static uriFor(applicationId: string, conversationId: string, title: string): vscode.Uri {
    const safe = title.replace(/[\\/:*?"<>|#]+/g, ' ').trim() || conversationId;
    return vscode.Uri.from({ scheme: EVENTS_SCHEME, path: `/${applicationId}/${conversationId}/${safe} events.log` });
  }

  /** Reads the newest page of the conversation's events (and its members' names): the document's content. */
  async open(applicationId: string, conversationId: string, title: string, signal?: AbortSignal): Promise<vscode.Uri> {
    const uri = EventsTimeline.uriFor(applicationId, conversationId, title);
    const timeline: Timeline = { applicationId, conversationId, title, events: [], names: new Map() };
    await this.readNewest(timeline, signal);
    this.timelines.set(uri.toString(), timeline);
    this.changed.fire(uri);
    return uri;
  }

  /** The events the document shows, oldest first. */
  eventsOf(uri: vscode.Uri): readonly ConversationEvent[] | undefined {
    return this.timelines.get(uri.toString())?.events;
  }

  async refresh(uri: vscode.Uri, signal?: AbortSignal): Promise<number> {
    const timeline = this.timelineOf(uri);
    await this.readNewest(timeline, signal);
    this.changed.fire(uri);
    return timeline.events.length;
  }

  /** Reads the next older page and puts it above; the number of events added. */
  async loadOlder(uri: vscode.Uri, signal?: AbortSignal): Promise<number> {
    const timeline = this.timelineOf(uri);
    if (!timeline.olderCursor) return 0;
    const client = await this.conversations.client(timeline.applicationId);
    const page = await client.eventsPage(timeline.conversationId, { cursor: timeline.olderCursor, pageSize: TIMELINE_PAGE_SIZE, signal });
    const seen = new Set(timeline.events.map((e) => e.id));
    const older = page.items.filter((e) => !seen.has(e.id)).reverse();
    timeline.events = [...older, ...timeline.events];
    timeline.olderCursor = page.nextCursor;
    this.changed.fire(uri);
    return older.length;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const t = this.timelines.get(uri.toString());
    if (!t) return '# This timeline is no longer loaded. Open the conversation\'s Events again.\n';
    const header = [
      `# Events of ${t.title} (${t.conversationId}), newest last`,
      `# ${t.events.length} event${t.events.length === 1 ? '' : 's'} shown${t.olderCursor ? '; older ones on demand (Load older events)' : ', all there are'}. Times in UTC.`,
      '#',
    ];
    const lines = t.events.length ? timelineLines(t.events, t.names) : ['(no events yet)'];
    return [...header, ...lines, ''].join('\n');
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const t = this.timelines.get(document.uri.toString());
    if (!t) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = [new vscode.CodeLens(top, { title: '$(refresh) Refresh', command: 'vonage.refreshEvents', arguments: [document.uri] })];
    if (t.olderCursor) lenses.unshift(new vscode.CodeLens(top, { title: '$(history) Load older events', command: 'vonage.loadOlderEvents', arguments: [document.uri] }));
    return lenses;
  }

  private timelineOf(uri: vscode.Uri): Timeline {
    const t = this.timelines.get(uri.toString());
    if (!t) throw new Error('This timeline is no longer loaded. Open the conversation\'s Events again.');
    return t;
  }

  private async readNewest(t: Timeline, signal?: AbortSignal): Promise<void> {
    const client = await this.conversations.client(t.applicationId);
    const [page, members] = await Promise.all([
      client.eventsPage(t.conversationId, { pageSize: TIMELINE_PAGE_SIZE, signal }),
      client.membersPage(t.conversationId, undefined, signal).catch(() => ({ items: [] })), // names only: ids show otherwise
    ]);
    t.events = [...page.items].reverse();
    t.olderCursor = page.nextCursor;
    t.names = new Map(members.items.map((m) => [m.id, m.user.name]));
  }
}
