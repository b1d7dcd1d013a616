// Users API v1 (https://api.nexmo.com/v1/users), Bearer admin JWT signed with the application's private key.
import { allPages, cursorFrom } from './cursorPages';
import { VonageApiError, VonageInputError } from './errors';
import { VonageHttpClient } from './httpClient';
import { webhookUrlProblem } from './urls';

export interface User {
  id: string;
  name: string;
  display_name?: string;
  image_url?: string;
  [k: string]: unknown;
}

export interface UsersPage {
  users: User[];
  nextCursor?: string;
}

interface UsersPageBody {
  page_size?: number;
  _embedded?: { users?: User[] };
  _links?: { next?: { href?: string } };
}

export const MAX_USERS_PAGE_SIZE = 100;
/** Longest user name we let through. The documents set no limit; the sibling conversation name stops at 100. */
export const MAX_USER_NAME_LENGTH = 100;

/** undefined when `name` is a usable user name, else a message saying what is wrong (for an InputBox). */
export function validateUserName(name: string): string | undefined {
  if (typeof name !== 'string' || name.length === 0) return 'Enter a user name, e.g. alice.';
  if (name.trim() === '') return 'The user name cannot be only spaces.';
  if (name !== name.trim()) return 'The user name cannot start or end with a space.';
  if (name.length > MAX_USER_NAME_LENGTH) return `The user name is ${name.length} characters long; the most is ${MAX_USER_NAME_LENGTH}.`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'The user name cannot contain control characters such as tabs or line breaks.';
  return undefined;
}

/** What `vonage users update` changes: only the fields given are sent (PATCH). */
export interface UserChanges {
  name?: string;
  displayName?: string;
  /** An http(s) URL; empty removes the image. */
  imageUrl?: string;
  /** Sent as `properties.custom_data`: a JSON object. */
  customData?: Record<string, unknown>;
}

/** Why `value` cannot be a user's custom data (a JSON object), or undefined. */
export function customDataProblem(value: unknown): string | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return undefined;
  const what = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
  return `Custom data must be a JSON object such as {"team": "blue"}, not ${what}.`;
}

/** Custom data typed as JSON text: the object, or a VonageInputError saying what is wrong. Empty text is an empty object. */
export function parseCustomData(text: string): Record<string, unknown> {
  const t = text.trim();
  if (!t) return {};
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch (e) {
    throw new VonageInputError(`Custom data is not valid JSON (${e instanceof Error ? e.message : String(e)}). Write an object such as {"team": "blue"}.`, 'customData');
  }
  const problem = customDataProblem(value);
  if (problem) throw new VonageInputError(problem, 'customData');
  return value as Record<string, unknown>;
}

/** The PATCH body for `changes`, checked before anything is sent; an empty change is refused. */
export function userPatchBody(changes: UserChanges): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (changes.name !== undefined) body.name = checkName(changes.name);
  if (changes.displayName !== undefined) {
    if (typeof changes.displayName !== 'string') throw new VonageInputError('The display name must be text.', 'displayName');
    body.display_name = changes.displayName.trim();
  }
  if (changes.imageUrl !== undefined) {
    const problem = typeof changes.imageUrl === 'string' ? webhookUrlProblem(changes.imageUrl, 'imageUrl', true) : 'The image URL must be text.';
    if (problem) throw new VonageInputError(problem, 'imageUrl');
    body.image_url = changes.imageUrl.trim();
  }
  if (changes.customData !== undefined) {
    const problem = customDataProblem(changes.customData);
    if (problem) throw new VonageInputError(problem, 'customData');
    body.properties = { custom_data: changes.customData };
  }
  if (Object.keys(body).length === 0) throw new VonageInputError('Nothing to change: give a display name, image URL or custom data.');
  return body;
}

function checkName(name: string): string {
  const problem = validateUserName(name);
  if (problem) throw new VonageInputError(problem, 'name');
  return name;
}

export class UsersClient {
  private readonly pageSize: number;

  constructor(
    private readonly http: VonageHttpClient,
    private readonly adminToken: () => string,
    opts?: { pageSize?: number },
  ) {
    this.pageSize = clampPageSize(opts?.pageSize ?? MAX_USERS_PAGE_SIZE);
  }

  private auth() {
    return { kind: 'bearer' as const, token: this.adminToken() };
  }

  /** One page; `nextCursor` (from `_links.next.href`) fetches the next one. */
  async listPage(opts?: { cursor?: string; pageSize?: number; name?: string; signal?: AbortSignal }): Promise<UsersPage> {
    const body = await this.http.request<UsersPageBody>({
      method: 'GET',
      path: '/v1/users',
      query: { page_size: clampPageSize(opts?.pageSize ?? this.pageSize), cursor: opts?.cursor, name: opts?.name },
      auth: this.auth(),
      signal: opts?.signal,
    });
    return { users: body?._embedded?.users ?? [], nextCursor: cursorFrom(body?._links?.next?.href) };
  }

  async listAll(signal?: AbortSignal): Promise<User[]> {
    return allPages(async (cursor) => {
      const page = await this.listPage({ cursor, signal });
      return { items: page.users, nextCursor: page.nextCursor };
    });
  }

  async get(id: string, signal?: AbortSignal): Promise<User> {
    return this.http.request<User>({ method: 'GET', path: userPath(id), auth: this.auth(), signal });
  }

  async create(input: { name: string; displayName?: string }, signal?: AbortSignal): Promise<User> {
    const name = checkName(input.name);
    const body: Record<string, unknown> = { name };
    if (input.displayName !== undefined && input.displayName.trim() !== '') body.display_name = input.displayName.trim();
    try {
      return await this.http.request<User>({ method: 'POST', path: '/v1/users', body, auth: this.auth(), signal });
    } catch (e) {
      throw duplicateName(e, name);
    }
  }

  /** `vonage users list --name`: the user with exactly this name (the API's `name` filter), or undefined. */
  async findByName(name: string, signal?: AbortSignal): Promise<User | undefined> {
    const wanted = checkName(name);
    const page = await this.listPage({ name: wanted, signal });
    return page.users.find((u) => u.name === wanted);
  }

  /** `vonage users update`: PATCH with only the fields given (see userPatchBody). */
  async update(id: string, input: UserChanges, signal?: AbortSignal): Promise<User> {
    const body = userPatchBody(input);
    const path = userPath(id);
    try {
      return await this.http.request<User>({ method: 'PATCH', path, body, auth: this.auth(), signal });
    } catch (e) {
      throw input.name !== undefined ? duplicateName(e, input.name) : e;
    }
  }

  async delete(id: string, signal?: AbortSignal): Promise<void> {
    await this.http.request<void>({ method: 'DELETE', path: userPath(id), auth: this.auth(), signal });
  }
}

function duplicateName(e: unknown, name: string): unknown {
  if (e instanceof VonageApiError && e.kind === 'conflict') {
    return e.withMessage(`The name "${name}" is taken: a user with that name already exists in this application. Pick another name.`);
  }
  return e;
}

function userPath(id: string): string {
  if (typeof id !== 'string' || id.trim() === '') throw new VonageInputError('The user id is empty.', 'userId');
  return `/v1/users/${encodeURIComponent(id.trim())}`;
}

function clampPageSize(n: number): number {
  return Math.min(MAX_USERS_PAGE_SIZE, Math.max(1, Math.floor(Number.isFinite(n) ? n : MAX_USERS_PAGE_SIZE)));
}

