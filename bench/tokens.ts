// The token lens's hot path on a 10 MB document holding 1,000 Vonage tokens among base64 noise, code
// and long lines: the full scan (find + decode + classify, no signature checks) against a bare regular
// expression pass over the same text, and the work after a one-character edit in the middle.
import * as crypto from 'crypto';
import { VerdictCache, findJwts, judgeToken, rescanAfterChange, stringSource, type FoundJwt } from '../src/vonage';
import type { SignatureStatus } from '../src/vonage/tokens/verdict';
import { median } from './stats';

const TARGET_BYTES = 10 * 1024 * 1024;
const TOKENS = 1000;
const ROUNDS = 15;
const EDIT_ROUNDS = 201;
/** The peers' pattern (the log redaction's shape, and what simple scanners do). */
const BARE = /eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*/g;

export interface TokenFigures { scanMs: number; regexMs: number; vsRegex: number; mbPerS: number; rescanMs: number }


function signedTokens(count: number): string[] {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, i) => {
    const claims = { application_id: crypto.randomUUID(), iat: now - i * 60, jti: crypto.randomUUID(), exp: now - i * 60 + 86400, sub: `user-${i}`, acl: { paths: { '/*/users/**': {}, '/*/conversations/**': {} } } };
    const input = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}`;
    return `${input}.${crypto.sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
  });
}

/** ~10 KB per token (1,000 different tokens): code around it, a paragraph of base64 noise, and every tenth block a long line. */
function documentText(): string {
  const tokens = signedTokens(TOKENS);
  const noise = crypto.randomBytes(2400).toString('base64').match(/.{1,76}/g)!.join('\n');
  const code = [
    'import { VonageClient } from "@vonage/client-sdk";',
    'export async function login(client: VonageClient): Promise<void> {',
    '  const session = await client.createSession(process.env.TOKEN ?? "");',
    '  console.log(`session ${session} for ${client.user?.name ?? "nobody"}`);',
    '}',
  ].join('\n');
  const blocks: string[] = [];
  let size = 0;
  for (let i = 0; i < TOKENS; i++) {
    const longLine = i % 10 === 0 ? `const blob = "${crypto.randomBytes(4500).toString('base64')}";\n` : '';
    const block = `${code}\nconst token${i} = "${tokens[i % tokens.length]}";\n${noise}\n${longLine}${'// filler\n'.repeat(Math.max(0, Math.floor((TARGET_BYTES / TOKENS - 3300 - longLine.length) / 10)))}`;
    blocks.push(block);
    size += block.length;
  }
  const text = blocks.join('');
  if (Math.abs(size - TARGET_BYTES) > TARGET_BYTES * 0.1) throw new Error(`the document is ${size} bytes, not about 10 MB`);
  return text;
}

/** find + decode + classify: what the lens does to a document it has not seen. */
function fullScan(text: string, now: number): number {
  let vonage = 0;
  for (const t of findJwts(text)) if (judgeToken(t, 'unknown', now).vonage) vonage++;
  return vonage;
}

function bareRegex(text: string): number {
  let n = 0;
  BARE.lastIndex = 0;
  while (BARE.exec(text)) n++;
  return n;
}

/** Where each line starts: what a TextDocument keeps up to date on its own as edits arrive. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** A document's positionAt: the line by binary search over the line starts, then the column. */
function positionAt(starts: number[], offset: number): { line: number; character: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid; else high = mid - 1;
  }
  return { line: low, character: offset - starts[low] };
}

/**
 * After a one-character edit in the middle, what the lens recomputes (TokensInDocument.list): the
 * rescan, then for every token its range (two positionAt lookups), its text, and its verdict
 * through the caches the lens keeps (verdicts, and the signature answer keyed by the token's text).
 */
function afterEdit(before: FoundJwt[], verdicts: VerdictCache, signatures: Map<string, SignatureStatus>, text: string, offset: number, now: number): number {
  // join() makes a flat string, as a document's text already is; `+` would make a rope that the first
  // read inside the timing flattens (a 10 MB copy that a document never pays).
  const edited = [text.slice(0, offset), 'x', text.slice(offset + 1)].join('');
  const starts = lineStarts(edited);
  const t0 = process.hrtime.bigint();
  const tokens = rescanAfterChange(before, { offset, removedLength: 1, insertedLength: 1 }, stringSource(edited));
  let states = 0;
  for (const t of tokens) {
    const range = [positionAt(starts, t.start), positionAt(starts, t.end)];
    const tokenText = edited.slice(t.start, t.end);
    const signature = signatures.get(tokenText) ?? 'unknown';
    if (range[1].line >= range[0].line && verdicts.judge(t, signature, now).state) states++;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (tokens.length !== before.length || states !== before.length) throw new Error(`the edit changed the tokens: ${tokens.length}, ${states}`);
  return ms;
}

export function tokensBench(): TokenFigures {
  const text = documentText();
  const now = Date.now();
  const found = fullScan(text, now);
  if (found !== TOKENS || bareRegex(text) !== TOKENS) throw new Error(`expected ${TOKENS} tokens, found ${found} (regex ${bareRegex(text)})`);
  const times: Record<'ours' | 'regex', number[]> = { ours: [], regex: [] };
  const ratios: number[] = [];
  for (let r = 0; r <= ROUNDS; r++) {
    const order = r % 2 ? (['regex', 'ours'] as const) : (['ours', 'regex'] as const);
    const round: Record<string, number> = {};
    for (const name of order) {
      const t0 = process.hrtime.bigint();
      if (name === 'ours') fullScan(text, now); else bareRegex(text);
      round[name] = Number(process.hrtime.bigint() - t0) / 1e6;
    }
    if (r === 0) continue; // warm-up
    times.ours.push(round.ours);
    times.regex.push(round.regex);
    ratios.push(round.ours / round.regex);
  }
  const before = findJwts(text);
  const verdicts = new VerdictCache();
  const signatures = new Map<string, SignatureStatus>();
  for (const t of before) { // the lens judged them when the document opened
    verdicts.judge(t, 'unknown', now);
    signatures.set(text.slice(t.start, t.end), 'unknown');
  }
  const middle = text.indexOf('// filler', text.length >> 1) + 3; // inside a comment line in the middle
  const edits = Array.from({ length: EDIT_ROUNDS }, () => afterEdit(before, verdicts, signatures, text, middle, now));
  const scanMs = median(times.ours);
  return {
    scanMs,
    regexMs: median(times.regex),
    vsRegex: median(ratios),
    mbPerS: text.length / 1024 / 1024 / (scanMs / 1000),
    rescanMs: median(edits.slice(10)),
  };
}
