// The Conversation API's things as the extension shows them: conversations, members, events and
// sessions, read from Vonage's answers (../shared/vonage-api/rooted/conversations.v1-prefixed-from-v0.3.yml),
// and the checks made before anything is sent.
import { VonageInputError } from './errors';

export interface Conversation {
  id: string;
  name: string;
  displayName?: string;
  imageUrl?: string;
  /** ISO time it was created, when Vonage said. */
  created?: string;
}

/** Requests use the lower-case states; answers carry INVITED|JOINED|LEFT|UNKNOWN, read as lower case. */
export type MemberState = 'joined' | 'invited' | 'left' | 'unknown';
export type RequestedMemberState = 'joined' | 'invited';

export interface Member {
  id: string;
  state: MemberState;
  user: { id: string; name: string; displayName?: string };
}

export interface ConversationEvent {
  id: string;
  type: string;
  /** The member it came from, when it came from one. */
  from?: string;
  timestamp: string;
  body?: Record<string, unknown>;
}

export interface UserSession {
  id: string;
  userId: string;
  userName: string;
  ttl?: number;
}

/** A user named by name or id (ids start USR-). */
export type UserRef = { id: string } | { name: string };

/** The longest conversation name the document allows. */
export const MAX_CONVERSATION_NAME_LENGTH = 100;

/** undefined when `name` is a usable conversation name, else a message saying what is wrong (for an InputBox). */
export function validateConversationName(name: string): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'Enter a conversation name, e.g. support-chat.';
  if (name.trim() === '') return 'The conversation name cannot be only spaces.';
  if (name !== name.trim()) return 'The conversation name cannot start or end with a space.';
  if (name.length > MAX_CONVERSATION_NAME_LENGTH) return `The conversation name is ${name.length} characters long; the most is ${MAX_CONVERSATION_NAME_LENGTH}.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'The conversation name cannot contain control characters such as tabs or line breaks.';
  return undefined;
}

export function checkedConversationName(name: unknown): string {
  const problem = typeof name === 'string' ? validateConversationName(name) : 'Give the conversation a name (text), e.g. support-chat.';
  if (problem) throw new VonageInputError(problem, 'name');
  return name as string;
}

export function checkedMemberState(state: unknown): RequestedMemberState {
  if (state === 'joined' || state === 'invited') return state;
  const given = typeof state === 'string' ? `"${state}"` : String(state);
  throw new VonageInputError(`The member state must be "joined" or "invited", not ${given}.`, 'state');
}

/** A user given as a name or an id: ids are the USR-… Vonage made, anything else is a name. */
export function userRef(user: unknown): UserRef {
  if (typeof user !== 'string' || user.trim() === '') throw new VonageInputError('Say which user: their name (e.g. alice) or id (USR-…).', 'user');
  const u = user.trim();
  return /^USR-/i.test(u) ? { id: u } : { name: u };
}

export function checkedId(id: unknown, field: string, what: string): string {
  if (typeof id !== 'string' || id.trim() === '') throw new VonageInputError(`Say which ${what} (${field}).`, field);
  return id.trim();
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : {});

export function conversationFrom(raw: unknown): Conversation {
  const r = record(raw);
  return {
    id: text(r.id) ?? '',
    name: text(r.name) ?? '',
    displayName: text(r.display_name),
    imageUrl: text(r.image_url),
    created: text(record(r.timestamp).created),
  };
}

export function memberFrom(raw: unknown): Member {
  const r = record(raw);
  const user = record(record(r._embedded).user);
  return {
    id: text(r.id) ?? '',
    state: memberState(r.state),
    user: { id: text(user.id) ?? text(r.user_id) ?? '', name: text(user.name) ?? '', displayName: text(user.display_name) },
  };
}

function memberState(v: unknown): MemberState {
  const s = typeof v === 'string' ? v.toLowerCase() : '';
  return s === 'joined' || s === 'invited' || s === 'left' ? s : 'unknown';
}

export function eventFrom(raw: unknown): ConversationEvent {
  const r = record(raw);
  const id = typeof r.id === 'number' ? String(r.id) : text(r.id) ?? '';
  const body = record(r.body);
  return {
    id,
    type: text(r.type) ?? 'unknown',
    from: text(r.from),
    timestamp: text(r.timestamp) ?? '',
    ...(Object.keys(body).length ? { body } : {}),
  };
}

export function sessionFrom(raw: unknown): UserSession {
  const r = record(raw);
  const user = record(record(r._embedded).user);
  const ttl = record(r.properties).ttl;
  return { id: text(r.id) ?? '', userId: text(user.id) ?? '', userName: text(user.name) ?? '', ttl: typeof ttl === 'number' ? ttl : undefined };
}

/** "online · 1 session", "online · 3 sessions", "offline". */
export function sessionsSummary(count: number): string {
  return count === 0 ? 'offline' : `online · ${count} session${count === 1 ? '' : 's'}`;
}
