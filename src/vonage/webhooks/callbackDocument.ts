// One callback as the read-only document the inspector opens: the request line, the headers (the
// Authorization header as its decoded claims: the token itself is never kept), the body pretty-printed
// (a GET's query parameters), and the answer given.
import type { AnswerSource, CallbackRecord } from './callbacks';

const SIGNATURE_WORDS = { valid: '✓ valid', invalid: '✗ invalid', unsigned: '— unsigned', unchecked: '? not checked' } as const;

const SOURCES: Record<AnswerSource, string> = {
  'ncco-file': 'from the NCCO file',
  'no-ncco-file': 'no NCCO file: a short message saying so',
  'bad-ncco-file': 'the NCCO file has a mistake: a short message saying so',
  forwarded: 'by your server (forwarded)',
  'forward-failed': 'forwarding to your server failed',
  event: 'recorded',
  rejected: 'rejected: the signature is not proven valid (vonage.webhooks.rejectInvalidSignatures)',
};

export function callbackDocument(record: CallbackRecord): string {
  const { request: r, answer: a, signature: sig } = record;
  const lines = [
    `# ${r.kind} callback of application ${r.applicationId}, ${record.time}${record.replayOf ? ` (a replay of ${record.replayOf})` : ''}`,
    `${r.method} ${r.path}${r.query ? `?${r.query}` : ''} HTTP/1.1`,
    ...Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`),
  ];
  if (sig.claims) lines.push('authorization: Bearer (a signed JWT; its claims:)', ...indent(pretty(sig.claims)));
  lines.push(`# signature: ${SIGNATURE_WORDS[sig.verdict]}${sig.reason ? ` — ${sig.reason}` : ''}`, '');
  if (r.body !== '') lines.push(prettyText(r.body));
  else if (r.query) lines.push('# (no body; the query\'s parameters:)', pretty(Object.fromEntries(new URLSearchParams(r.query))));
  else lines.push('# (no body)');
  lines.push('', `### answer: ${a.status}, ${sourceWords(a)}, in ${record.ms.toFixed(1)} ms`);
  if (a.note) lines.push(`# ${a.note}`);
  lines.push(...Object.entries(a.headers).map(([k, v]) => `${k}: ${v}`), '', a.body === '' ? '# (no body)' : prettyText(a.body), '');
  return lines.join('\n');
}

/** Where the answer came from, and for a forwarded one where it was sent. */
function sourceWords(a: CallbackRecord['answer']): string {
  if (a.forwardedTo && a.source === 'forwarded') return `by your server (forwarded to ${a.forwardedTo})`;
  if (a.forwardedTo && a.source === 'forward-failed') return `forwarding to ${a.forwardedTo} failed`;
  return SOURCES[a.source];
}

function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** JSON pretty-printed; anything else as it came. */
function prettyText(text: string): string {
  try {
    return pretty(JSON.parse(text));
  } catch {
    return text;
  }
}

function indent(text: string): string[] {
  return text.split('\n').map((l) => `  ${l}`);
}
