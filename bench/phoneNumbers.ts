// Formatting phone numbers for rows and messages (libphonenumber-js with its "min" metadata, in a bundle of its own):
// 1,000 distinct numbers of several countries read once each — what a Numbers view of 1,000 numbers or a long Calls
// list costs the first time it is painted — and the same numbers again, answered from the per-number readings kept.
import { formatMsisdn } from '../src/vonage/numbers';
import { readPhoneNumber } from '../src/vonage/phoneNumberReader';
import { median } from './stats';

const COUNT = 1000;
const ROUNDS = 15;
/** Calling codes and a number of each country's length: UK, US, France, Germany, Australia, India. */
const PREFIXES = ['44770090', '1201555', '3361234', '49301234', '6141234', '9198765'];

export interface PhoneFormatFigures { coldMs: number; cachedUs: number }

export function phoneFormatBench(): PhoneFormatFigures {
  const numbers = Array.from({ length: COUNT }, (_, i) => `${PREFIXES[i % PREFIXES.length]}${String(i).padStart(4, '0')}`);
  for (const n of numbers.slice(0, 50)) readPhoneNumber(n); // warm-up: the metadata read, the code compiled
  const cold: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (const n of numbers) readPhoneNumber(n); // the reader itself: no reading kept between rounds
    cold.push(performance.now() - t0);
  }
  for (const n of numbers) formatMsisdn(n);
  const cached: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (const n of numbers) formatMsisdn(n);
    cached.push(((performance.now() - t0) * 1000) / COUNT);
  }
  return { coldMs: median(cold), cachedUs: median(cached) };
}
