// A conversation's events as lines of a read-only document: newest last, one line each — time, type,
// who, and the text or a short summary. Event text is the user's data: shown here, never logged.
import type { ConversationEvent } from './conversations';

/** Member id -> user name, for "who". */
export type MemberNames = ReadonlyMap<string, string>;

const TYPE_WIDTH = 15;
const SUMMARY_MAX = 120;

/** "2026-12-03 06:41:12" (UTC) from an ISO time, or the text as given. */
export function eventTime(timestamp: string): string {
  const ms = Date.parse(timestamp);
  return Number.isNaN(ms) ? timestamp || '—' : new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function oneLine(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ⏎ ');
  return flat.length > SUMMARY_MAX ? `${flat.slice(0, SUMMARY_MAX - 1)}…` : flat;
}

function userNameIn(body: Record<string, unknown> | undefined): string | undefined {
  const user = body?.user;
  if (typeof user === 'object' && user !== null) {
    const name = (user as { name?: unknown }).name;
    if (typeof name === 'string' && name) return name;
  }
  return undefined;
}

/** What the event says, in a few words. */
export function eventSummary(e: ConversationEvent, names: MemberNames): string {
  const who = userNameIn(e.body) ?? (e.from ? names.get(e.from) ?? e.from : undefined);
  switch (e.type) {
    case 'text': {
      const text = typeof e.body?.text === 'string' ? e.body.text : '';
      return `${who ?? 'someone'}: ${oneLine(text)}`;
    }
    case 'member:joined': return `${who ?? 'a member'} joined`;
    case 'member:invited': return `${who ?? 'a member'} was invited`;
    case 'member:left': return `${who ?? 'a member'} left`;
    case 'leg:status:update': return legStatus(e.body, who);
    default: {
      const body = e.body ? oneLine(JSON.stringify(e.body)) : '';
      return [who, body].filter(Boolean).join(' ');
    }
  }
}

/** A call's leg changed status: "alice: ringing (app leg 2f0c…)". */
function legStatus(body: Record<string, unknown> | undefined, who: string | undefined): string {
  const status = typeof body?.status === 'string' ? body.status : 'a new status';
  const type = typeof body?.type === 'string' ? `${body.type} leg` : 'leg';
  const leg = typeof body?.leg_id === 'string' ? ` ${body.leg_id}` : '';
  return `${who ?? 'a leg'}: ${status} (${type}${leg})`;
}

/** One line per event, oldest first (the API's newest-first pages are reversed by the caller). */
export function timelineLines(events: readonly ConversationEvent[], names: MemberNames): string[] {
  return events.map((e) => `${eventTime(e.timestamp)}  ${e.type.padEnd(TYPE_WIDTH)} ${eventSummary(e, names)}`);
}
