// What a Vonage number is (owned or for sale), how a person reads one, and the searches Vonage takes.
// Plain data and checks, no I/O: the client (numbersClient.ts) and the extension both use them.
import { VonageInputError } from './errors';
import type * as Reader from './phoneNumberReader';

/** A number the account owns, as GET /account/numbers returns it (the link read from either form). */
export interface OwnedNumber {
  country: string;
  msisdn: string;
  type?: string;
  features: string[];
  /** The application the number is linked to: `app_id`, or on older accounts voiceCallbackType "app" + its value. */
  applicationId?: string;
  moHttpUrl?: string;
  voiceCallbackType?: string;
  voiceCallbackValue?: string;
  voiceStatusCallback?: string;
  messagesCallbackType?: string;
  messagesCallbackValue?: string;
}

/** A number for sale, as GET /number/search returns it; `cost` is the monthly price (EUR on most accounts). */
export interface AvailableNumber {
  country: string;
  msisdn: string;
  type?: string;
  features: string[];
  cost?: string;
}

export const NUMBER_TYPES = ['mobile-lvn', 'landline', 'landline-toll-free'] as const;
export const NUMBER_FEATURES = ['VOICE', 'SMS', 'MMS'] as const;

export interface NumberSearch {
  /** ISO 3166-1 alpha-2, e.g. GB. */
  country: string;
  type?: string;
  /** Any of VOICE, SMS, MMS: numbers that have all of them. */
  features?: string[];
  /** Digits the number contains. */
  pattern?: string;
}

export interface Balance {
  /** In the account's currency (EUR on most accounts). */
  value: number;
  autoReload: boolean;
}

/** The countries offered first when searching (the usual ones), then the rest, with their calling codes. */
export const COUNTRIES: readonly { code: string; name: string; callingCode: string }[] = [
  { code: 'GB', name: 'United Kingdom', callingCode: '44' },
  { code: 'US', name: 'United States', callingCode: '1' },
  { code: 'CA', name: 'Canada', callingCode: '1' },
  { code: 'DE', name: 'Germany', callingCode: '49' },
  { code: 'FR', name: 'France', callingCode: '33' },
  { code: 'NL', name: 'Netherlands', callingCode: '31' },
  { code: 'ES', name: 'Spain', callingCode: '34' },
  { code: 'IT', name: 'Italy', callingCode: '39' },
  { code: 'AU', name: 'Australia', callingCode: '61' },
  { code: 'SE', name: 'Sweden', callingCode: '46' },
  { code: 'IE', name: 'Ireland', callingCode: '353' },
  { code: 'AT', name: 'Austria', callingCode: '43' },
  { code: 'BE', name: 'Belgium', callingCode: '32' },
  { code: 'BR', name: 'Brazil', callingCode: '55' },
  { code: 'CH', name: 'Switzerland', callingCode: '41' },
  { code: 'DK', name: 'Denmark', callingCode: '45' },
  { code: 'FI', name: 'Finland', callingCode: '358' },
  { code: 'HK', name: 'Hong Kong', callingCode: '852' },
  { code: 'IL', name: 'Israel', callingCode: '972' },
  { code: 'IN', name: 'India', callingCode: '91' },
  { code: 'JP', name: 'Japan', callingCode: '81' },
  { code: 'MX', name: 'Mexico', callingCode: '52' },
  { code: 'NO', name: 'Norway', callingCode: '47' },
  { code: 'NZ', name: 'New Zealand', callingCode: '64' },
  { code: 'PL', name: 'Poland', callingCode: '48' },
  { code: 'PT', name: 'Portugal', callingCode: '351' },
  { code: 'SG', name: 'Singapore', callingCode: '65' },
  { code: 'ZA', name: 'South Africa', callingCode: '27' },
];

/** The country code, upper case, or a VonageInputError saying what a country code looks like. */
export function checkedCountry(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value.trim())) {
    throw new VonageInputError(`"${String(value)}" is not a country code: give the two letters of ISO 3166-1, such as GB or US.`, 'country');
  }
  return value.trim().toUpperCase();
}

/** The number as Vonage writes it (E.164 digits, no +), or a VonageInputError. Spaces, dashes and a leading + are dropped. */
export function checkedMsisdn(value: unknown): string {
  const digits = typeof value === 'string' ? value.replace(/[\s\-().]/g, '').replace(/^\+/, '') : '';
  if (!/^\d{6,15}$/.test(digits)) {
    throw new VonageInputError(`"${String(value)}" is not a phone number: give it in international form, such as 447700900000 or +44 7700 900000.`, 'msisdn');
  }
  return digits;
}

/** The search, checked before anything is sent. */
export function checkedSearch(q: NumberSearch): NumberSearch {
  const type = q.type === undefined || q.type === '' ? undefined : q.type;
  if (type !== undefined && !(NUMBER_TYPES as readonly string[]).includes(type)) {
    throw new VonageInputError(`"${type}" is not a number type Vonage sells: use ${NUMBER_TYPES.join(', ')}.`, 'type');
  }
  const features = (q.features ?? []).map((f) => String(f).toUpperCase());
  const unknown = features.filter((f) => !(NUMBER_FEATURES as readonly string[]).includes(f));
  if (unknown.length) throw new VonageInputError(`${unknown.join(', ')} ${unknown.length > 1 ? 'are not features' : 'is not a feature'} of a number: use ${NUMBER_FEATURES.join(', ')}.`, 'features');
  const pattern = q.pattern?.trim() ? q.pattern.trim() : undefined;
  if (pattern !== undefined && !/^\d{1,15}$/.test(pattern)) throw new VonageInputError(`The pattern "${pattern}" must be digits only, such as 7700.`, 'pattern');
  return { country: checkedCountry(q.country), type, features: features.length ? features : undefined, pattern };
}

let reader: typeof Reader | undefined;
/** Numbers read so far: a view shows the same few numbers on many rows, and each read costs tens of µs. */
const readings = new Map<string, Reader.PhoneNumberReading>();
const MOST_READINGS_KEPT = 5000;

/**
 * E.164 digits (no +) read as a phone number: grouped as its country writes numbers, and whether its length fits.
 * libphonenumber-js and its metadata are required on the first number read, not when this module loads.
 */
export function readPhoneNumber(digits: string): Reader.PhoneNumberReading {
  const known = readings.get(digits);
  if (known) return known;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- on the first number: esbuild.js keeps it a bundle of its own
  reader ??= require('./phoneNumberReader') as typeof Reader;
  const reading = reader.readPhoneNumber(digits);
  if (readings.size >= MOST_READINGS_KEPT) readings.clear();
  readings.set(digits, reading);
  return reading;
}

/** "+44 7700 900123", "+33 6 12 34 56 78", "+1 201 555 0123": the number grouped as its country writes it, for a person to read. */
export function formatMsisdn(msisdn: string): string {
  return readPhoneNumber(msisdn).international;
}

/** "€1.25 a month" (cost is a decimal string in the account's currency, EUR on most accounts). */
export function formatMonthlyCost(cost: string | undefined): string {
  const n = Number(cost);
  return cost === undefined || !Number.isFinite(n) ? 'an unknown price' : `€${n.toFixed(2)} a month`;
}

export function formatBalance(value: number): string {
  return `€${value.toFixed(2)}`;
}
