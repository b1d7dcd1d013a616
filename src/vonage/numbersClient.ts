// Numbers API (https://rest.nexmo.com): search, the owned numbers, buy, cancel, link and unlink.
// `api_key`/`api_secret` travel as query parameters (what the document's security schemes say), so the
// http client keeps them out of every URL, message and cause it hands back.
//
// Money is never spent twice: buy and cancel are sent once. When the answer is lost (no answer in time,
// a reset, a 5xx), the owned numbers are read to settle what happened, and the person is told plainly:
// bought, not bought, or unknown (the read failed too).
import type { ApiCredentials } from './applicationsClient';
import { mapBounded, range } from './concurrency';
import { isDefiniteRejection, unclearReason, VonageApiError, VonageInputError } from './errors';
import type { Auth, VonageHttpClient } from './httpClient';
import {
  type AvailableNumber, type NumberSearch, type OwnedNumber, checkedCountry, checkedMsisdn, checkedSearch, formatMsisdn,
} from './numbers';

/** Largest page of owned numbers the API serves. */
export const MAX_NUMBERS_PAGE_SIZE = 100;
const DEFAULT_CONCURRENCY = 10;
/** The `features` values the search takes: a set is sent as the one spelling the document lists. */
const FEATURE_SPELLINGS = ['SMS', 'VOICE', 'SMS,VOICE', 'MMS', 'SMS,MMS', 'VOICE,MMS', 'SMS,MMS,VOICE'];

interface RawNumber {
  country?: unknown; msisdn?: unknown; type?: unknown; features?: unknown; cost?: unknown; app_id?: unknown;
  moHttpUrl?: unknown; voiceCallbackType?: unknown; voiceCallbackValue?: unknown; voiceStatusCallback?: unknown;
  messagesCallbackType?: unknown; messagesCallbackValue?: unknown;
}
interface NumbersPage { count?: number; numbers?: RawNumber[] }
interface ResponseBody { 'error-code'?: unknown; 'error-code-label'?: unknown }

/** How the outcome of a purchase or a cancel became known: Vonage's answer, or (the answer lost) reading the account. */
export type SettledBy = 'answer' | 'reading';
export interface NumberChange { country: string; msisdn: string; settledBy: SettledBy }

type MoneyAction = 'buy' | 'cancel';

export class NumbersClient {
  private readonly auth: Auth;
  private readonly concurrency: number;

  constructor(private readonly http: VonageHttpClient, creds: ApiCredentials, opts?: { concurrency?: number }) {
    this.auth = { kind: 'query', apiKey: creds.apiKey, apiSecret: creds.apiSecret };
    this.concurrency = Math.max(1, opts?.concurrency ?? DEFAULT_CONCURRENCY);
  }

  /** Numbers for sale (one page of up to 100), checked before anything is sent. */
  async search(query: NumberSearch, signal?: AbortSignal): Promise<AvailableNumber[]> {
    const q = checkedSearch(query);
    const body = await this.http.request<NumbersPage>({
      method: 'GET',
      path: '/number/search',
      query: {
        country: q.country,
        type: q.type,
        features: q.features && featureSpelling(q.features),
        pattern: q.pattern,
        search_pattern: q.pattern === undefined ? undefined : 1,
        size: MAX_NUMBERS_PAGE_SIZE,
      },
      auth: this.auth,
      signal,
    });
    return (body?.numbers ?? []).map(availableFrom);
  }

  /**
   * Every owned number (or those linked to `applicationId`): the first page says how many there are,
   * then the other pages are fetched side by side.
   */
  async list(opts: { applicationId?: string; signal?: AbortSignal } = {}): Promise<OwnedNumber[]> {
    const page = (index: number) => this.http.request<NumbersPage>({
      method: 'GET',
      path: '/account/numbers',
      query: { application_id: opts.applicationId, size: MAX_NUMBERS_PAGE_SIZE, index },
      auth: this.auth,
      signal: opts.signal,
    });
    const first = await page(1);
    const pages = Math.ceil((first?.count ?? 0) / MAX_NUMBERS_PAGE_SIZE);
    const rest = await mapBounded(range(2, pages), this.concurrency, page);
    return [first, ...rest].flatMap((p) => p?.numbers ?? []).map(ownedFrom);
  }

  /** The owned number `msisdn`, or undefined when the account does not own it. */
  async find(msisdn: string, signal?: AbortSignal): Promise<OwnedNumber | undefined> {
    const m = checkedMsisdn(msisdn);
    const body = await this.http.request<NumbersPage>({
      method: 'GET',
      path: '/account/numbers',
      query: { pattern: m, search_pattern: 0, size: MAX_NUMBERS_PAGE_SIZE },
      auth: this.auth,
      signal,
    });
    return (body?.numbers ?? []).map(ownedFrom).find((n) => n.msisdn === m);
  }

  /** Buys the number. Sent once; a lost answer is settled by reading the owned numbers. */
  async buy(country: string, msisdn: string, signal?: AbortSignal): Promise<NumberChange> {
    return this.spend('buy', checkedCountry(country), checkedMsisdn(msisdn), signal);
  }

  /** Cancels (releases) the number. Sent once; a lost answer is settled by reading the owned numbers. */
  async cancel(country: string, msisdn: string, signal?: AbortSignal): Promise<NumberChange> {
    return this.spend('cancel', checkedCountry(country), checkedMsisdn(msisdn), signal);
  }

  /** Links the number to the application, keeping its other settings (the update replaces them all). */
  async link(msisdn: string, applicationId: string, signal?: AbortSignal): Promise<OwnedNumber> {
    if (typeof applicationId !== 'string' || !applicationId.trim()) throw new VonageInputError('Say which application to link the number to (applicationId).', 'applicationId');
    return this.setLink(checkedMsisdn(msisdn), applicationId.trim(), signal);
  }

  /** Unlinks the number from its application, keeping its other settings. */
  async unlink(msisdn: string, signal?: AbortSignal): Promise<OwnedNumber> {
    return this.setLink(checkedMsisdn(msisdn), undefined, signal);
  }

  private async spend(action: MoneyAction, country: string, msisdn: string, signal?: AbortSignal): Promise<NumberChange> {
    const path = action === 'buy' ? '/number/buy' : '/number/cancel';
    try {
      await this.post(path, { country, msisdn }, signal);
      return { country, msisdn, settledBy: 'answer' };
    } catch (e) {
      if (!(e instanceof VonageApiError)) throw e;
      if (isDefiniteRejection(e)) throw e.withMessage(refusal(action, msisdn, e));
      return this.settleByReading(action, country, msisdn, e);
    }
  }

  /** The answer to a buy or cancel was lost: whether the account owns the number now says what happened. */
  private async settleByReading(action: MoneyAction, country: string, msisdn: string, lost: VonageApiError): Promise<NumberChange> {
    const shown = formatMsisdn(msisdn);
    const verb = action === 'buy' ? 'buying' : 'cancelling';
    let owned: OwnedNumber | undefined;
    try {
      owned = await this.find(msisdn); // not the caller's signal: a cancel may be what made the outcome unclear
    } catch {
      throw lost.withMessage(`Vonage did not confirm ${verb} ${shown} (${unclearReason(lost)}), and your numbers could not be read either, so whether it was ${action === 'buy' ? 'bought' : 'cancelled'} is unknown. Check your numbers (Vonage: Refresh Numbers) before trying again, so you do not pay twice.`);
    }
    const done = action === 'buy' ? owned !== undefined : owned === undefined;
    if (done) return { country, msisdn, settledBy: 'reading' };
    throw lost.withMessage(action === 'buy'
      ? `Vonage did not confirm buying ${shown} (${unclearReason(lost)}), and it is not among your numbers: it was not bought and nothing was charged. Try again if you still want it.`
      : `Vonage did not confirm cancelling ${shown} (${unclearReason(lost)}), and it is still among your numbers: it was not cancelled. Try again if you still want to release it.`);
  }

  private async setLink(msisdn: string, applicationId: string | undefined, signal?: AbortSignal): Promise<OwnedNumber> {
    const current = await this.find(msisdn, signal);
    if (!current) throw new VonageInputError(`${formatMsisdn(msisdn)} is not one of your numbers (any more). Refresh the Numbers view and pick one that is.`, 'msisdn');
    const form = updateForm(current, applicationId);
    try {
      await this.post('/number/update', form, signal);
    } catch (e) {
      if (!(e instanceof VonageApiError)) throw e;
      if (isDefiniteRejection(e)) throw e.withMessage(refusal('update', msisdn, e));
      await this.settleUpdateByReading(current, applicationId, e);
    }
    return { ...ownedFrom(form), type: current.type, features: current.features, applicationId };
  }

  private async settleUpdateByReading(before: OwnedNumber, applicationId: string | undefined, lost: VonageApiError): Promise<void> {
    const what = `${applicationId ? 'linking' : 'unlinking'} ${formatMsisdn(before.msisdn)}`;
    let now: OwnedNumber | undefined;
    try {
      now = await this.find(before.msisdn);
    } catch {
      throw lost.withMessage(`Vonage did not confirm ${what} (${unclearReason(lost)}), and reading the number back failed too, so whether it changed is unknown. Refresh the Numbers view to see it as it is.`);
    }
    if (now?.applicationId === applicationId) return;
    throw lost.withMessage(`Vonage did not confirm ${what} (${unclearReason(lost)}); reading the number back shows it did not change, so trying again is safe.`);
  }

  private async post(path: string, form: Record<string, string | undefined>, signal?: AbortSignal): Promise<void> {
    const body = await this.http.request<ResponseBody | undefined>({ method: 'POST', path, form, auth: this.auth, signal });
    const raw = body?.['error-code'];
    const code = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined;
    // Vonage answers 420 for a refusal; an older answer is a 200 whose error-code says it.
    if (code !== undefined && code !== '200') {
      const label = typeof body?.['error-code-label'] === 'string' ? body['error-code-label'] : '';
      throw new VonageApiError({ kind: 'http', status: Number(code) || 420, method: 'POST', url: `${this.http.baseUrl}${path}`, code, detail: label, message: `Vonage answered ${code}: ${label}` });
    }
  }
}

/**
 * The update body: the number's settings as they are, with only the link changed. The older form of a
 * link (voice or messages callback type "app" naming the linked application) is replaced by `app_id`.
 */
function updateForm(n: OwnedNumber, applicationId: string | undefined): Record<string, string | undefined> {
  const legacyVoiceLink = n.voiceCallbackType === 'app';
  const legacyMessagesLink = n.messagesCallbackType === 'app' && n.messagesCallbackValue === n.applicationId;
  return {
    country: n.country,
    msisdn: n.msisdn,
    app_id: applicationId,
    moHttpUrl: n.moHttpUrl,
    voiceCallbackType: legacyVoiceLink ? undefined : n.voiceCallbackType,
    voiceCallbackValue: legacyVoiceLink ? undefined : n.voiceCallbackValue,
    voiceStatusCallback: n.voiceStatusCallback,
    messagesCallbackType: legacyMessagesLink ? undefined : n.messagesCallbackType,
    messagesCallbackValue: legacyMessagesLink ? undefined : n.messagesCallbackValue,
  };
}

/** One sentence for a refusal (420 and its label, or another definite no): what, why, what to do; nothing charged. */
function refusal(action: MoneyAction | 'update', msisdn: string, e: VonageApiError): string {
  if (e.kind === 'unauthorized' || e.kind === 'notFound' || e.kind === 'invalid') return e.message;
  const shown = formatMsisdn(msisdn);
  const label = e.detail ?? e.title ?? '';
  const said = `(${e.status ?? 'refused'}${label ? `: ${label}` : ''})`;
  if (/insufficient|balance|credit|funds/i.test(label)) {
    return `Your balance does not cover ${shown} ${said}. Top up your account on the Vonage dashboard and try again; nothing was charged.`;
  }
  if (action === 'buy') {
    if (/already|you own/i.test(label)) return `${shown} is already one of your numbers ${said}; nothing was charged.`;
    return `Vonage would not sell ${shown} ${said}: someone may have bought it meanwhile, or its country needs details on the dashboard. Search again and pick another; nothing was charged.`;
  }
  if (action === 'cancel') return `Vonage would not cancel ${shown} ${said}: it may not be one of your numbers any more. Refresh the Numbers view and try again.`;
  return `Vonage would not change ${shown} ${said}: it may not be one of your numbers any more. Refresh the Numbers view and try again.`;
}

function featureSpelling(features: string[]): string {
  const wanted = [...new Set(features)].sort().join(',');
  return FEATURE_SPELLINGS.find((s) => s.split(',').sort().join(',') === wanted) ?? features.join(',');
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function featuresOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((f): f is string => typeof f === 'string');
  return typeof v === 'string' ? v.split(',').filter(Boolean) : [];
}

function availableFrom(raw: RawNumber): AvailableNumber {
  return {
    country: text(raw.country) ?? '',
    msisdn: text(raw.msisdn) ?? '',
    type: text(raw.type),
    features: featuresOf(raw.features),
    cost: typeof raw.cost === 'number' ? String(raw.cost) : text(raw.cost),
  };
}

/** An owned number; its link from `app_id`, or from the older voice callback of type "app". */
function ownedFrom(raw: RawNumber): OwnedNumber {
  const voiceType = text(raw.voiceCallbackType);
  const voiceValue = text(raw.voiceCallbackValue);
  return {
    country: text(raw.country) ?? '',
    msisdn: text(raw.msisdn) ?? '',
    type: text(raw.type),
    features: featuresOf(raw.features),
    applicationId: text(raw.app_id) ?? (voiceType === 'app' ? voiceValue : undefined),
    moHttpUrl: text(raw.moHttpUrl),
    voiceCallbackType: voiceType,
    voiceCallbackValue: voiceValue,
    voiceStatusCallback: text(raw.voiceStatusCallback),
    messagesCallbackType: text(raw.messagesCallbackType),
    messagesCallbackValue: text(raw.messagesCallbackValue),
  };
}
