import vscode = require('vscode');

const PEM_BLOCK = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;
const JWT = /eyJ[\w-]{4,}\.eyJ[\w-]{4,}\.[\w-]+/g;
/** How many lines the in-memory copy keeps: a long session must not grow it forever. */
export const LOG_LINES_KEPT = 5000;
const AUTH_HEADER = /(authorization["']?\s*[:=]\s*["']?)(basic|bearer)\s+[^\s"',}]+/gi;

/**
 * The "Vonage" log channel behind a redaction guard: every line is scrubbed of registered secret
 * values, PEM private keys, JWTs and Authorization headers before it reaches the channel, and a
 * copy of what was written is kept so tests can check that no secret ever made it out.
 */
export class Log implements vscode.Disposable {
  private readonly secrets = new Set<string>();
  private readonly lines: string[] = [];
  private dropped = 0;

  /** `earlier`: lines already written to the channel (activate()'s own), kept in the copy too. */
  constructor(private readonly channel: vscode.LogOutputChannel, earlier: readonly string[] = []) {
    this.lines.push(...earlier);
  }

  /**
   * Registers a secret value (API secret, private key) that must never appear in the log. Not for
   * JWTs: every token is redacted by its shape, and registering each one would grow this set forever.
   */
  protect(secret: string | undefined): void {
    if (secret && secret.length >= 4) this.secrets.add(secret);
  }

  redact(text: string): string {
    let out = text.replace(PEM_BLOCK, '[redacted private key]').replace(JWT, '[redacted token]')
      .replace(AUTH_HEADER, '$1$2 [redacted]');
    for (const s of this.secrets) {
      if (out.includes(s)) out = out.split(s).join('[redacted]');
    }
    return out;
  }

  info(message: string): void { this.write('info', message); }
  warn(message: string): void { this.write('warn', message); }
  debug(message: string): void { this.write('debug', message); }
  error(message: string, err?: unknown): void {
    this.write('error', err === undefined ? message : `${message}\n${describeError(err)}`);
  }

  show(): void { this.channel.show(true); }

  /** What was written this session (already redacted): the last LOG_LINES_KEPT lines, after a note of how many were dropped. */
  text(): string {
    return (this.dropped ? [`[${this.dropped} earlier lines dropped]`, ...this.lines] : this.lines).join('\n');
  }

  dispose(): void { this.channel.dispose(); }

  private write(level: 'info' | 'warn' | 'error' | 'debug', message: string): void {
    const safe = this.redact(message);
    this.lines.push(`[${level}] ${safe}`);
    if (this.lines.length > LOG_LINES_KEPT) {
      const extra = this.lines.length - LOG_LINES_KEPT;
      this.lines.splice(0, extra);
      this.dropped += extra;
    }
    this.channel[level](safe);
  }
}

/** Full details of an error for the log: class, message, API fields and stack. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const e = err as Error & Record<string, unknown>;
  const parts = [`${e.name}: ${e.message}`];
  for (const k of ['kind', 'status', 'method', 'url', 'code', 'title', 'detail', 'field', 'retryAfterSeconds']) {
    const v = e[k];
    if (v === undefined) continue;
    parts.push(`  ${k}: ${typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v)}`);
  }
  const inv = e.invalidParameters;
  if (Array.isArray(inv) && inv.length) parts.push(`  invalidParameters: ${JSON.stringify(inv)}`);
  if (e.stack) parts.push(e.stack.split('\n').slice(1, 6).join('\n'));
  return parts.join('\n');
}
