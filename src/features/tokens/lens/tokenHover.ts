import vscode = require('vscode');
import { shortRelative } from '../../../vonage/tokens/time'; // not the barrel: that loads node-fetch and jsonwebtoken
import { verdictSummary } from '../../../vonage/tokens/verdict';
import { USED_TOKEN_LENS_CONTEXT, setContextKeyOnce } from '../../../ui/contextKeys';
import { applicationLabel, localTime } from './tokenText';
import type { TokenInDocument, TokensInDocument } from './tokensInDocument';

/** Commands a hover's links may run (the MarkdownString trusts only these). */
const HOVER_COMMANDS = ['vonage.regenerateToken', 'vonage.inspectJwt', 'vonage.copyTokenClaims', 'vonage.checkTokenWithVonage'];

const STATE_ICON = { valid: '$(pass)', expiringSoon: '$(watch)', expired: '$(warning)', notYetValid: '$(clock)', invalid: '$(error)' } as const;

/** A command link carrying the token's place (never the token itself): the command reads it from the document. */
function link(title: string, command: string, document: vscode.TextDocument, t: TokenInDocument): string {
  const args = [{ uri: document.uri.toString(), offset: t.found.start, interactive: true }];
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}

// Everything from the token (claims, header) and from Vonage (names) is untrusted text inside a
// MarkdownString that runs our command links: it must stay in its table cell and never form a link.

/** Text outside code: Markdown's link, emphasis, HTML, table and theme-icon characters escaped, line breaks made spaces. */
function escapeMarkdown(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(/[\\`*[\]<>|$]/g, '\\$&');
}

/**
 * A value as inline code that stays in its cell. Code spans keep `[`, `]` and `(` literal, so no link can
 * form inside one; what could end the span or the cell is made harmless: a backtick becomes ', a line break
 * shows as \n, and `|` is escaped — GFM splits cells before it reads code spans, at every pipe not escaped
 * by an odd number of backslashes, so a zero-width space keeps a backslash of the value off the pipe. The
 * hover renders theme icons for our links; a value's `$(name)` gets a zero-width space so it stays text.
 */
function code(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const safe = text
    .replace(/`/g, '\'')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/\\(?=\|)/g, '\\\u200b')
    .replace(/\|/g, '\\|')
    .replace(/\$\(/g, '$\u200b(');
  return `\`${safe}\``;
}

/** A time claim: its local time and how far from now ("28/11/2026, 12:00:00 · 2 h ago"). */
function timeCell(value: unknown, now: number): string {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n > 1e11) return code(value);
  return `${code(value)} ${localTime(n * 1000)} · ${shortRelative(n * 1000, now)}`;
}

/** The `acl` claim in one line: how many paths, and the first few. */
function aclCell(acl: unknown): string {
  const paths = typeof acl === 'object' && acl !== null ? (acl as { paths?: unknown }).paths : undefined;
  if (typeof paths !== 'object' || paths === null) return code(acl);
  const keys = Object.keys(paths);
  const shown = keys.slice(0, 3).map(code).join(', ');
  return `${keys.length} path${keys.length === 1 ? '' : 's'}: ${shown}${keys.length > 3 ? ', …' : ''}`;
}

function claimRow(name: string, value: unknown, t: TokenInDocument, now: number): string {
  let cell: string;
  if (name === 'iat' || name === 'exp' || name === 'nbf') cell = timeCell(value, now);
  else if (name === 'acl') cell = aclCell(value);
  else if (name === 'application_id' && t.applicationName) cell = `${code(value)} ${escapeMarkdown(t.applicationName)}`;
  else if (name === 'sub' && t.userDisplayName) cell = `${code(value)} ${escapeMarkdown(t.userDisplayName)}`;
  else cell = code(value);
  return `| ${escapeMarkdown(name)} | ${cell} |`;
}

/** The hover: what the token is, the verdict in one sentence, what to do, then header and claims. */
function tokenHoverMarkdown(document: vscode.TextDocument, t: TokenInDocument, now: number): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: HOVER_COMMANDS };
  const v = t.verdict;
  if (v.vonage) {
    const kind = typeof t.found.claims.sub === 'string' ? 'Vonage user token' : 'Vonage admin token';
    md.appendMarkdown(`**${kind}** · ${escapeMarkdown(applicationLabel(t))}\n\n`);
    md.appendMarkdown(`${STATE_ICON[v.state ?? 'valid']} ${escapeMarkdown(verdictSummary(v, now))}\n\n`);
    for (const p of v.problems.slice(1)) md.appendMarkdown(`$(error) ${escapeMarkdown(p.message)}\n\n`);
    md.appendMarkdown(`${escapeMarkdown(t.signatureNote)}\n\n`);
  } else {
    md.appendMarkdown(`**JWT** · ${escapeMarkdown(verdictSummary(v, now))}\n\n`);
  }
  const links = [
    ...(v.vonage ? [link('$(refresh) Regenerate', 'vonage.regenerateToken', document, t)] : []),
    link('$(search) Inspect', 'vonage.inspectJwt', document, t),
    link('$(copy) Copy Claims', 'vonage.copyTokenClaims', document, t),
    ...(v.vonage ? [link('$(verified) Check with Vonage', 'vonage.checkTokenWithVonage', document, t)] : []),
  ];
  md.appendMarkdown(`${links.join(' · ')}\n\n`);
  md.appendMarkdown('| | |\n|---|---|\n');
  md.appendMarkdown(`| header | ${Object.entries(t.found.header).map(([k, val]) => `${escapeMarkdown(k)} ${code(val)}`).join(' · ')} |\n`);
  for (const [name, value] of Object.entries(t.found.claims)) md.appendMarkdown(`${claimRow(name, value, t, now)}\n`);
  md.appendMarkdown('\n');
  return md;
}

/** Hover on any JWT: header and claims; for Vonage tokens the verdict and Regenerate. Never waits on the network. */
export class TokenHoverProvider implements vscode.HoverProvider {
  constructor(private readonly tokens: TokensInDocument, private readonly now: () => number = Date.now) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const t = this.tokens.at(document, position);
    if (!t) return undefined;
    if (t.verdict.vonage) setContextKeyOnce(USED_TOKEN_LENS_CONTEXT); // completes the walkthrough's "Your token in your code"
    return new vscode.Hover(tokenHoverMarkdown(document, t, this.now()), t.range);
  }
}
