// Times as a person reads them next to a token: relative and short ("in 3 h", "2 h ago", "in 12 min").

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

/** "in 3 h", "2 h ago", "in 12 min", "in 40 s", "in 3 days", "now". Rounded to the nearest unit. */
export function shortRelative(targetMs: number, nowMs: number): string {
  const diff = Math.round((targetMs - nowMs) / 1000);
  const abs = Math.abs(diff);
  if (abs === 0) return 'now';
  let phrase: string;
  if (abs < MINUTE) phrase = `${abs} s`;
  else if (abs < HOUR) phrase = `${Math.round(abs / MINUTE)} min`;
  else if (abs < 2 * DAY) phrase = `${Math.round(abs / HOUR)} h`;
  else {
    const days = Math.round(abs / DAY);
    phrase = `${days} days`;
  }
  return diff > 0 ? `in ${phrase}` : `${phrase} ago`;
}

/** A lifetime in words: "24 hours", "48 hours", "15 minutes", "1 hour 30 minutes", "90 seconds". */
export function lifetimeInWords(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (seconds % HOUR === 0) return plural(seconds / HOUR, 'hour');
  if (seconds > HOUR && seconds % MINUTE === 0) return `${plural(Math.floor(seconds / HOUR), 'hour')} ${plural((seconds % HOUR) / MINUTE, 'minute')}`;
  if (seconds % MINUTE === 0) return plural(seconds / MINUTE, 'minute');
  return plural(seconds, 'second');
}
