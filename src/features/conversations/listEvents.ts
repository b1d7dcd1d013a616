import vscode = require('vscode');
import { argsOf } from '../../ui/args';
import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import type { Services } from '../../services';
import { VonageInputError } from '../../vonage/errors';
import type { ApplicationConversations } from './applicationConversations';
import { conversationLabel, conversationSteps, conversationTarget, requiredTarget } from './conversationArgs';
import { TIMELINE_PAGE_SIZE, type EventsTimeline } from './eventsTimeline';
import type { ConversationEvent } from '../../vonage/conversations';

/**
 * Vonage: Show Conversation Events — `{ applicationId, conversationId }` → `[{ id, type, from, timestamp }]`:
 * the newest page (up to 100), oldest first. By hand (or from "Events"), it opens the read-only
 * timeline, with older pages on demand. Event text is shown, never logged.
 */
export function registerListEvents(s: Services, c: ApplicationConversations, timeline: EventsTimeline): void {
  registerCommand(s.context, 'vonage.listEvents', s, async (arg, inv) => {
    const args = argsOf(arg);
    const target = conversationTarget(arg, args);
    await runWizard('Conversation Events', conversationSteps(s, c, inv, target, 'Events of which conversation?'));
    const { applicationId: appId, conversationId: convId } = requiredTarget(target);
    const title = conversationLabel(c, appId, convId);
    const events = inv.scripted
      ? await newestEvents(c, appId, convId) // no document: nothing is kept for a timeline nobody sees
      : timeline.eventsOf(await showTimeline(timeline, appId, convId, title)) ?? [];
    return events.map((e) => ({ id: e.id, type: e.type, from: e.from, timestamp: e.timestamp }));
  });
}

/** Reads the conversation's newest events and opens its timeline beside the tree (a call's conversation too). */
export function showTimeline(timeline: EventsTimeline, applicationId: string, conversationId: string, title: string): Promise<vscode.Uri> {
  return withProgress(`Vonage: reading the events of ${title}…`, async (signal) => {
    const uri = await timeline.open(applicationId, conversationId, title, signal);
    await vscode.window.showTextDocument(uri, { preview: false });
    return uri;
  });
}

/** The newest page of events (up to 100), oldest first, as the timeline's first page shows them. */
async function newestEvents(c: ApplicationConversations, applicationId: string, conversationId: string): Promise<ConversationEvent[]> {
  const page = await (await c.client(applicationId)).eventsPage(conversationId, { pageSize: TIMELINE_PAGE_SIZE });
  return [...page.items].reverse();
}

/** "Load older events" and "Refresh" of an open timeline (its URI): the number of events added or shown. */
export function registerTimelineCommands(s: Services, timeline: EventsTimeline): void {
  const target = (arg: unknown): vscode.Uri => {
    const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
    if (!uri || !timeline.eventsOf(uri)) throw new VonageInputError('Open a conversation\'s Events first.');
    return uri;
  };
  registerCommand(s.context, 'vonage.loadOlderEvents', s, async (arg) => {
    const uri = target(arg);
    return withProgress('Vonage: reading older events…', (signal) => timeline.loadOlder(uri, signal));
  });
  registerCommand(s.context, 'vonage.refreshEvents', s, async (arg) => {
    const uri = target(arg);
    return withProgress('Vonage: reading the newest events…', (signal) => timeline.refresh(uri, signal));
  });
}
