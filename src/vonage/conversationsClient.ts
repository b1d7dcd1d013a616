// Conversation API (https://api.nexmo.com/v1/conversations, /v1/users/{id}/conversations|sessions),
// with the admin JWT the Users API uses. Lists follow the cursor of `_links.next.href` to the end.
//
// Writes are sent once. A create whose answer is lost is settled by reading (the conversations by
// name, the conversation's members by user) before anything is repeated, so one click never makes
// two conversations or two memberships; when the reading fails too, the outcome is said to be unknown.
import {
  type Conversation, type ConversationEvent, type Member, type RequestedMemberState, type UserRef, type UserSession,
  checkedConversationName, checkedId, checkedMemberState, conversationFrom, eventFrom, memberFrom, sessionFrom,
} from './conversations';
import { isDefiniteRejection, unclearReason, VonageApiError } from './errors';
import type { Auth, VonageHttpClient } from './httpClient';
import { allPages, cursorFrom, type Page } from './cursorPages';

export const MAX_CONVERSATIONS_PAGE_SIZE = 100;

/** How a write became known: Vonage's answer, or (the answer lost) reading what is there. */
export type Settled<T> = T & { settledBy: 'answer' | 'reading' };

interface PageBody {
  _embedded?: Record<string, unknown>;
  _links?: { next?: { href?: string }; self?: { next?: { href?: string } } };
}

export class ConversationsClient {
  constructor(private readonly http: VonageHttpClient, private readonly token: () => string) {}

  private auth(): Auth {
    return { kind: 'bearer', token: this.token() };
  }

  // ---------- conversations ----------

  async listPage(cursor?: string, signal?: AbortSignal): Promise<Page<Conversation>> {
    return this.page('/v1/conversations', 'conversations', conversationFrom, { cursor, order: 'asc' }, signal);
  }

  /** Every conversation of the application, page after page. */
  async list(signal?: AbortSignal): Promise<Conversation[]> {
    return allPages((cursor) => this.listPage(cursor, signal));
  }

  async get(conversationId: string, signal?: AbortSignal): Promise<Conversation> {
    const raw = await this.http.request<unknown>({ method: 'GET', path: conversationPath(conversationId), auth: this.auth(), signal });
    return conversationFrom(raw);
  }

  async create(input: { name: string; displayName?: string }, signal?: AbortSignal): Promise<Settled<Conversation>> {
    const name = checkedConversationName(input.name);
    const body: Record<string, unknown> = { name };
    const displayName = input.displayName?.trim();
    if (displayName) body.display_name = displayName;
    try {
      const raw = await this.http.request<unknown>({ method: 'POST', path: '/v1/conversations', body, auth: this.auth(), signal });
      return { ...conversationFrom(raw), settledBy: 'answer' };
    } catch (e) {
      if (!(e instanceof VonageApiError)) throw e;
      if (e.kind === 'conflict') throw e.withMessage(`The name "${name}" is taken: a conversation with that name already exists in this application. Pick another name, or use the one that exists.`);
      if (isDefiniteRejection(e)) throw e;
      return this.settleCreate(name, e);
    }
  }

  private async settleCreate(name: string, lost: VonageApiError): Promise<Settled<Conversation>> {
    let found: Conversation | undefined;
    try {
      found = (await this.list()).find((c) => c.name === name);
    } catch {
      throw lost.withMessage(`Vonage did not confirm creating the conversation "${name}" (${unclearReason(lost)}), and the conversations could not be read either, so whether it exists is unknown. Refresh the Conversations before trying again, so it is not made twice.`);
    }
    if (found) return { ...found, settledBy: 'reading' };
    throw lost.withMessage(`Vonage did not confirm creating the conversation "${name}" (${unclearReason(lost)}), and it is not among the application's conversations: it was not created. Try again.`);
  }

  async delete(conversationId: string, signal?: AbortSignal): Promise<void> {
    await this.http.request<void>({ method: 'DELETE', path: conversationPath(conversationId), auth: this.auth(), signal });
  }

  // ---------- members ----------

  async membersPage(conversationId: string, cursor?: string, signal?: AbortSignal): Promise<Page<Member>> {
    return this.page(`${conversationPath(conversationId)}/members`, 'members', memberFrom, { cursor, order: 'asc' }, signal);
  }

  async members(conversationId: string, signal?: AbortSignal): Promise<Member[]> {
    return allPages((cursor) => this.membersPage(conversationId, cursor, signal));
  }

  /** `vonage members create`: the user joins (or is invited to) the conversation, over the app channel. */
  async addMember(conversationId: string, user: UserRef, state: RequestedMemberState, signal?: AbortSignal): Promise<Settled<Member>> {
    const wanted = checkedMemberState(state);
    const path = `${conversationPath(conversationId)}/members`;
    const body = { state: wanted, user, channel: { type: 'app' } };
    try {
      const raw = await this.http.request<unknown>({ method: 'POST', path, body, auth: this.auth(), signal });
      return { ...memberFrom(raw), settledBy: 'answer' };
    } catch (e) {
      if (!(e instanceof VonageApiError)) throw e;
      if (isDefiniteRejection(e)) throw memberRefusal(e, user);
      return this.settleMember(conversationId, user, wanted, e);
    }
  }

  private async settleMember(conversationId: string, user: UserRef, state: RequestedMemberState, lost: VonageApiError): Promise<Settled<Member>> {
    const who = 'id' in user ? user.id : user.name;
    let found: Member | undefined;
    try {
      found = (await this.members(conversationId)).find((m) => m.state === state && ('id' in user ? m.user.id === user.id : m.user.name === user.name));
    } catch {
      throw lost.withMessage(`Vonage did not confirm adding ${who} to the conversation (${unclearReason(lost)}), and its members could not be read either, so whether ${who} is a member is unknown. Refresh the conversation before trying again.`);
    }
    if (found) return { ...found, settledBy: 'reading' };
    throw lost.withMessage(`Vonage did not confirm adding ${who} to the conversation (${unclearReason(lost)}), and ${who} is not among its members: nothing was added. Try again.`);
  }

  /** `vonage members update … state=left`: the member leaves; the member stays listed as LEFT. */
  async removeMember(conversationId: string, memberId: string, signal?: AbortSignal): Promise<Member> {
    const path = `${conversationPath(conversationId)}/members/${encodeURIComponent(checkedId(memberId, 'memberId', 'member'))}`;
    try {
      const raw = await this.http.request<unknown>({ method: 'PATCH', path, body: { state: 'left' }, auth: this.auth(), signal });
      return memberFrom(raw);
    } catch (e) {
      if (e instanceof VonageApiError && e.code === 'conversation:error:invalid-member-state') {
        throw e.withMessage('That member has already left the conversation; nothing changed. Refresh the conversation to see its members as they are.');
      }
      throw e;
    }
  }

  // ---------- events ----------

  /** One page of events, newest first by default: the first page is the latest `pageSize` events. */
  async eventsPage(conversationId: string, opts: { cursor?: string; pageSize?: number; order?: 'asc' | 'desc'; signal?: AbortSignal } = {}): Promise<Page<ConversationEvent>> {
    const query = { cursor: opts.cursor, order: opts.order ?? 'desc', page_size: opts.pageSize };
    return this.page(`${conversationPath(conversationId)}/events`, 'events', eventFrom, query, opts.signal);
  }

  // ---------- a user's conversations and sessions ----------

  async userConversations(userId: string, signal?: AbortSignal): Promise<Conversation[]> {
    const path = `${userPath(userId)}/conversations`;
    return allPages((cursor) => this.page(path, 'conversations', conversationFrom, { cursor }, signal));
  }

  async userSessions(userId: string, signal?: AbortSignal): Promise<UserSession[]> {
    const path = `${userPath(userId)}/sessions`;
    return allPages((cursor) => this.page(path, 'sessions', sessionFrom, { cursor }, signal));
  }

  // ---------- paging ----------

  private async page<T>(
    path: string,
    key: string,
    read: (raw: unknown) => T,
    query: Record<string, string | number | undefined>,
    signal?: AbortSignal,
  ): Promise<Page<T>> {
    const body = await this.http.request<PageBody | undefined>({
      method: 'GET',
      path,
      query: { ...query, page_size: query.page_size ?? MAX_CONVERSATIONS_PAGE_SIZE },
      auth: this.auth(),
      signal,
    });
    const raw = body?._embedded?.[key];
    const items = Array.isArray(raw) ? raw.map(read) : [];
    // The user lists nest their links under `self` (as the document shows); the others do not.
    const next = body?._links?.next?.href ?? body?._links?.self?.next?.href;
    return { items, nextCursor: cursorFrom(next) };
  }
}

function conversationPath(id: string): string {
  return `/v1/conversations/${encodeURIComponent(checkedId(id, 'conversationId', 'conversation'))}`;
}

function userPath(id: string): string {
  return `/v1/users/${encodeURIComponent(checkedId(id, 'userId', 'user'))}`;
}

/** One sentence for a definite no to adding a member. */
function memberRefusal(e: VonageApiError, user: UserRef): VonageApiError {
  const who = 'id' in user ? user.id : `"${user.name}"`;
  if (e.code === 'user:error:not-found') return e.withMessage(`There is no user ${who} in this application, so nobody was added. Check the name (or create the user first) and try again.`);
  if (e.code === 'conversation:error:not-found') return e.withMessage('The conversation does not exist any more (deleted elsewhere?), so nobody was added. Refresh the Conversations.');
  if (e.code === 'conversation:error:member-already-joined') return e.withMessage(`The user ${who} is already a joined member of this conversation; nothing changed.`);
  return e;
}
