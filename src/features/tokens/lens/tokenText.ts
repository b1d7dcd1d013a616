// The words the token lens shows: CodeLens titles, diagnostic messages, hover lines.
import type { TokenInDocument } from './tokensInDocument';
import { shortRelative } from '../../../vonage/tokens/time'; // not the barrel: that loads node-fetch and jsonwebtoken

/** The application's name when known, else its id shortened ("aaaaaaaa…"). */
export function applicationLabel(t: Pick<TokenInDocument, 'applicationName' | 'found'>): string {
  if (t.applicationName) return t.applicationName;
  const claim = t.found.claims.application_id;
  const id = typeof claim === 'string' ? claim : '';
  return id.length > 8 ? `${id.slice(0, 8)}…` : id;
}

/** Whose token: the user's name (`sub`), or "admin token" for an application token without one. */
function subjectLabel(t: Pick<TokenInDocument, 'found'>): string {
  const sub = t.found.claims.sub;
  return typeof sub === 'string' && sub !== '' ? sub : 'admin token';
}

/** "expires in 23 h", "expired 2 h ago", "not valid yet (starts in 2 h)", or the first problem. */
function whenLabel(t: Pick<TokenInDocument, 'verdict'>, now: number): string {
  const v = t.verdict;
  const at = (ms: number | undefined) => (ms === undefined ? 'at an unknown time' : shortRelative(ms, now));
  switch (v.state) {
    case 'invalid': return v.problems.map((p) => p.short).join(', ');
    case 'expired': return `expired ${at(v.expiresAtMs)}`;
    case 'notYetValid': return `not valid yet (starts ${at(v.notBeforeMs)})`;
    default: return `expires ${at(v.expiresAtMs)}`;
  }
}

/** The CodeLens title: "alice · My Vonage App · expires in 23 h". */
export function lensTitle(t: TokenInDocument, now: number): string {
  const icon = { valid: '$(pass)', expiringSoon: '$(watch)', expired: '$(warning)', notYetValid: '$(clock)', invalid: '$(error)' }[t.verdict.state ?? 'valid'];
  return `${icon} ${subjectLabel(t)} · ${applicationLabel(t)} · ${whenLabel(t, now)}`;
}

/** A local date and time, as the person's machine writes them. */
export function localTime(ms: number): string {
  return new Date(ms).toLocaleString();
}

/** Who the token is for, in a diagnostic: 'the Vonage token of "alice" (My Vonage App)'. */
export function tokenDescription(t: TokenInDocument): string {
  const sub = t.found.claims.sub;
  const whose = typeof sub === 'string' && sub !== '' ? `Vonage token of "${sub}"` : 'Vonage admin token';
  return `This ${whose} (${applicationLabel(t)})`;
}
