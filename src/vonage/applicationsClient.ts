// Applications API v2 (https://api.nexmo.com/v2/applications), Basic auth with the account's key and secret.
import { type CapabilityChanges, applyCapabilityChanges, checkCapabilityChanges, updateApplied, updateBody } from './capabilities';
import { isDefiniteRejection, unclearReason, VonageApiError, VonageInputError } from './errors';
import { Auth, VonageHttpClient } from './httpClient';
import { WebhookUrlField, webhookUrlProblem } from './urls';
import type { Application } from './application';
import { mapBounded, range } from './concurrency';

export type { Application, Webhook } from './application';
export { mapBounded } from './concurrency';

export interface CreateApplicationInput {
  name: string;
  rtcEventUrl?: string;
  rtcEventMethod?: 'GET' | 'POST';
  voiceAnswerUrl?: string;
  voiceEventUrl?: string;
  publicKey?: string;
}

export interface ApiCredentials {
  apiKey: string;
  apiSecret: string;
}

interface ApplicationPage {
  page_size?: number;
  page?: number;
  total_items?: number;
  total_pages?: number;
  _embedded?: { applications?: Application[] };
}

/** Largest page the API serves. */
export const MAX_APPLICATIONS_PAGE_SIZE = 100;
/**
 * Pages 2..n fetched at once. 10 lets an account's 1,000 applications (10 pages of 100) arrive in two round
 * trips instead of ten; it is still a bound, and reads are retried on 429 should Vonage push back.
 */
export const DEFAULT_LIST_CONCURRENCY = 10;

export class ApplicationsClient {
  private readonly pageSize: number;
  private readonly concurrency: number;

  constructor(
    private readonly http: VonageHttpClient,
    private readonly credentials: ApiCredentials,
    opts?: { pageSize?: number; concurrency?: number },
  ) {
    this.pageSize = clampInt(opts?.pageSize ?? MAX_APPLICATIONS_PAGE_SIZE, 1, MAX_APPLICATIONS_PAGE_SIZE);
    this.concurrency = clampInt(opts?.concurrency ?? DEFAULT_LIST_CONCURRENCY, 1, 64);
  }

  private get auth(): Auth {
    return { kind: 'basic', apiKey: this.credentials.apiKey, apiSecret: this.credentials.apiSecret };
  }

  /** Every application of the account, in the API's order. Page 1 first, then the other pages concurrently (bounded). */
  async list(signal?: AbortSignal): Promise<Application[]> {
    const first = await this.page(1, signal);
    const pageSize = first.page_size ?? this.pageSize;
    const totalPages = first.total_pages
      ?? (first.total_items !== undefined ? Math.ceil(first.total_items / Math.max(1, pageSize)) : 1);
    const pages: Application[][] = [first._embedded?.applications ?? []];
    if (totalPages > 1) {
      const rest = await mapBounded(range(2, totalPages), this.concurrency, async (n) =>
        (await this.page(n, signal))._embedded?.applications ?? []);
      pages.push(...rest);
    }
    // An application created or deleted between page reads shifts the pages; keep each id once.
    const seen = new Set<string>();
    const out: Application[] = [];
    for (const app of pages.flat()) {
      if (seen.has(app.id)) continue;
      seen.add(app.id);
      out.push(app);
    }
    return out;
  }

  private page(page: number, signal?: AbortSignal): Promise<ApplicationPage> {
    return this.http.request<ApplicationPage>({
      method: 'GET', path: APPLICATIONS_PATH, query: { page_size: this.pageSize, page }, auth: this.auth, signal,
    });
  }

  async get(id: string, signal?: AbortSignal): Promise<Application> {
    return this.http.request<Application>({ method: 'GET', path: appPath(id), auth: this.auth, signal });
  }

  /** POST. Without `publicKey` Vonage makes the pair and returns `keys.private_key` in this answer only. */
  async create(input: CreateApplicationInput, signal?: AbortSignal): Promise<Application> {
    return this.http.request<Application>({
      method: 'POST', path: '/v2/applications', body: applicationBody(input), auth: this.auth, signal,
    });
  }

  /**
   * Renames an application and changes nothing else. PUT replaces the whole application, so this reads
   * it fresh (not from a cache that may be stale) and sends back what Vonage returned — every capability
   * with every field (messages, vbc, verify, voice fallback/region/timeouts, rtc signed_callbacks, …),
   * the public key and privacy — with only the name changed. The private key is never sent.
   */
  async rename(id: string, name: string, signal?: AbortSignal): Promise<Application> {
    return this.update(id, { name }, signal);
  }

  /**
   * `vonage apps update` / `apps capabilities update`: a new name and/or capability changes (see
   * capabilities.ts). Checked before anything is sent; then the application is read fresh and PUT back
   * with only those changes (see put() for what happens when the answer is lost).
   */
  async update(id: string, change: { name?: string; capabilities?: CapabilityChanges }, signal?: AbortSignal): Promise<Application> {
    const name = change.name === undefined ? undefined : checkedName(change.name);
    if (change.capabilities !== undefined) checkCapabilityChanges(change.capabilities);
    const current = await this.get(id, signal);
    const capabilities = change.capabilities === undefined ? undefined : applyCapabilityChanges(current.capabilities, change.capabilities);
    return this.put(id, updateBody(current, { name, capabilities }), current, signal);
  }

  /**
   * PUT `body` as the whole application; `before` is the application as read just before (what the body was
   * made from). Writes are never repeated blindly: when the answer is unclear (timeout, reset, 5xx, 429,
   * unreadable, cancelled after sending) the application is read back before anything else. Everything sent
   * is there and everything the body dropped from `before` is gone: the change was made, and that
   * application is returned. It is not: the error says the change was not made (so trying again is safe).
   * The read fails too: the error says the outcome is unknown.
   */
  async put(id: string, body: Record<string, unknown>, before: Application, signal?: AbortSignal): Promise<Application> {
    const path = appPath(id);
    try {
      return await this.http.request<Application>({ method: 'PUT', path, body, auth: this.auth, signal });
    } catch (e) {
      if (isDefiniteRejection(e) || !(e instanceof VonageApiError)) throw e;
      const what = `the change to application "${typeof body.name === 'string' ? body.name : id}"`;
      let now: Application;
      try {
        now = await this.get(id); // not the caller's signal: a cancel may be what made the outcome unclear
      } catch {
        throw e.withMessage(`Vonage did not confirm ${what} (${unclearReason(e)}), and reading the application back failed too, so whether it was made is unknown. Refresh the Applications view to see it as it is, then try again if needed.`);
      }
      if (updateApplied(now, body, before)) return now;
      throw e.withMessage(`Vonage did not confirm ${what} (${unclearReason(e)}); reading the application back shows it was not made, so trying again is safe.`);
    }
  }

  async delete(id: string, signal?: AbortSignal): Promise<void> {
    await this.http.request<void>({ method: 'DELETE', path: appPath(id), auth: this.auth, signal });
  }

  /** The cheapest authenticated read; a wrong key or secret rejects with kind 'unauthorized'. */
  async verifyCredentials(signal?: AbortSignal): Promise<void> {
    await this.http.request<ApplicationPage>({
      method: 'GET', path: '/v2/applications', query: { page_size: 1, page: 1 }, auth: this.auth, signal,
    });
  }
}

const APPLICATIONS_PATH = '/v2/applications';

function appPath(id: string): string {
  if (typeof id !== 'string' || id.trim() === '') throw new VonageInputError('The application id is empty.', 'applicationId');
  return `${APPLICATIONS_PATH}/${encodeURIComponent(id.trim())}`;
}

function checkedName(name: string): string {
  const t = typeof name === 'string' ? name.trim() : '';
  if (!t) throw new VonageInputError('The new application name is empty.', 'name');
  return t;
}

/** A few words on why an answer was unclear, for a sentence that goes on to say what was checked. */

/** The request body for create, checked before anything is sent. */
export function applicationBody(input: CreateApplicationInput): Record<string, unknown> {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) throw new VonageInputError('The application name is empty. Give it a name such as "My Client SDK App".', 'name');
  const rtc: Record<string, unknown> = {};
  if (input.rtcEventUrl !== undefined && input.rtcEventUrl.trim() !== '') {
    const method = input.rtcEventMethod ?? 'POST';
    if (method !== 'GET' && method !== 'POST') {
      throw new VonageInputError(`The RTC event method must be GET or POST, not ${String(method)}.`, 'rtcEventMethod');
    }
    rtc.webhooks = { event_url: { address: webhookUrl(input.rtcEventUrl, 'rtcEventUrl'), http_method: method } };
  }
  const capabilities: Record<string, unknown> = { rtc };
  const answer = input.voiceAnswerUrl?.trim();
  const event = input.voiceEventUrl?.trim();
  if (answer || event) {
    const webhooks: Record<string, unknown> = {};
    if (answer) webhooks.answer_url = { address: webhookUrl(answer, 'voiceAnswerUrl'), http_method: 'GET' };
    if (event) webhooks.event_url = { address: webhookUrl(event, 'voiceEventUrl'), http_method: 'POST' };
    capabilities.voice = { webhooks };
  }
  const body: Record<string, unknown> = { name, capabilities };
  if (input.publicKey !== undefined && input.publicKey.trim() !== '') {
    const pk = input.publicKey.replace(/\r\n?/g, '\n').trim();
    if (!/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----$/.test(pk)) {
      throw new VonageInputError('The public key must be a PEM block starting with -----BEGIN PUBLIC KEY-----.', 'publicKey');
    }
    body.keys = { public_key: `${pk}\n` };
  }
  return body;
}

/** The PUT body that keeps `app` as GET returned it, with only the name changed (never a private key). */
export function renameBody(app: Application, name: string): Record<string, unknown> {
  return updateBody(app, { name });
}

/** The trimmed webhook URL, or a VonageInputError saying what is wrong with it (the check the UI uses too). */
function webhookUrl(text: string, field: WebhookUrlField): string {
  const problem = webhookUrlProblem(text, field);
  if (problem) throw new VonageInputError(problem, field);
  return text.trim();
}

function clampInt(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.floor(Number.isFinite(n) ? n : min)));
}

