// A phone number read with libphonenumber-js (Google's libphonenumber metadata, kept current by its author):
// grouped as its country writes numbers, and whether its length fits that country. The "min" metadata
// (~80 kB: each country's calling code, number lengths and grouping) is all this needs; the larger "max" adds the
// digit patterns that tell a mobile from a landline, which would also refuse ranges assigned after a release.
// A bundle of its own (dist/phoneNumberReader.js, see esbuild.js): numbers.ts requires it the first time a number
// is shown or checked, so neither the code nor the metadata loads with the features.
import { parsePhoneNumberWithError, validatePhoneNumberLength } from 'libphonenumber-js/min';

/** Why no number can be reached at these digits: no country calling code starts them, or no number of that code is that long. */
type PhoneNumberProblem = 'no-calling-code' | 'too-short' | 'too-long' | 'wrong-length';

export interface PhoneNumberReading {
  /** "+33 6 12 34 56 78", "+44 7700 900000": grouped as its country writes it; "+" and the digits when no calling code starts them. */
  international: string;
  /** The country calling code that starts the number ("44"), when one does. */
  callingCode?: string;
  problem?: PhoneNumberProblem;
}

const PROBLEMS: Record<string, PhoneNumberProblem> = {
  INVALID_COUNTRY: 'no-calling-code', NOT_A_NUMBER: 'no-calling-code', TOO_SHORT: 'too-short', TOO_LONG: 'too-long', INVALID_LENGTH: 'wrong-length',
};

/** E.164 digits (no +) as a person reads them, and what is wrong with them if anything. */
export function readPhoneNumber(digits: string): PhoneNumberReading {
  const e164 = `+${digits}`;
  try {
    const parsed = parsePhoneNumberWithError(e164);
    const length = parsed.isPossible() ? undefined : validatePhoneNumberLength(e164); // the reason, only when there is one
    return { international: parsed.formatInternational(), callingCode: parsed.countryCallingCode, problem: length && PROBLEMS[length] };
  } catch (e) {
    return { international: e164, problem: PROBLEMS[e instanceof Error ? e.message : ''] ?? 'no-calling-code' };
  }
}
