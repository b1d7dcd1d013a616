// Reading a tunnel program's public URL from its own output. What each prints was read in its source or
// in logs people published (see the README's Webhooks section):
// - cloudflared `tunnel --url http://127.0.0.1:PORT` (quick tunnel): on stderr, log lines
//   `2024-05-01T10:00:00Z INF +----…+`, then `… INF |  Your quick Tunnel has been created! Visit it at (it
//   may take some time to be reachable):  |`, then `… INF |  https://<words>.trycloudflare.com   |`
//   (cmd/cloudflared/tunnel/quick_tunnel.go, AsciiBox). Its disclaimer line names other https URLs, and a
//   failed request names https://api.trycloudflare.com: only the boxed line after "created!" counts.
// - ngrok v3 `http … --log stdout`: a logfmt line `… msg="starting web service" obj=web addr=127.0.0.1:4040`
//   says where its local API is (4041… when 4040 is taken); GET /api/tunnels there answers
//   `{tunnels: [{public_url, proto, config: {addr}}]}`.
// - devtunnel `host -p PORT --allow-anonymous`: `Connect via browser: https://<id>-PORT.<region>.devtunnels.ms`;
//   older versions one line `Hosting port PORT at https://<id>.<region>.devtunnels.ms:PORT/,
//   https://<id>-PORT.<region>.devtunnels.ms/ and inspect it at https://<id>-PORT-inspect.<region>.devtunnels.ms/`.

export type TunnelProgram = 'cloudflared' | 'ngrok' | 'devtunnel';
export const TUNNEL_PROGRAMS: readonly TunnelProgram[] = ['cloudflared', 'ngrok', 'devtunnel'];

/** Splits a stream's chunks into whole lines (a chunk may end mid-line, mid-URL). */
export class LineSplitter {
  private rest = '';

  /** The complete lines in `chunk` (with what came before it); the unfinished tail waits for the next. */
  push(chunk: string): string[] {
    const text = this.rest + chunk;
    const lines = text.split(/\r?\n/);
    this.rest = lines.pop() ?? '';
    return lines;
  }

  /** What is left when the stream ends. */
  end(): string[] {
    const last = this.rest;
    this.rest = '';
    return last ? [last] : [];
  }
}

/** Reads cloudflared's quick-tunnel box, line by line: the URL once the boxed line after "created!" arrives. */
export class CloudflaredOutput {
  private announced = false;

  line(line: string): string | undefined {
    if (/Your quick Tunnel has been created!/.test(line)) {
      this.announced = true;
      return undefined;
    }
    if (!this.announced) return undefined;
    const m = /\|\s*(https:\/\/[a-z0-9-]+\.trycloudflare\.com)\s*\|/i.exec(line);
    return m ? m[1] : undefined;
  }
}

/** The address of ngrok's local API from its "starting web service" log line (logfmt or JSON), or undefined. */
export function ngrokApiAddress(line: string): string | undefined {
  if (!line.includes('starting web service')) return undefined;
  const logfmt = /\baddr=("?)([^\s"]+)\1/.exec(line);
  if (logfmt) return logfmt[2];
  try {
    const v = JSON.parse(line) as { addr?: unknown };
    return typeof v.addr === 'string' ? v.addr : undefined;
  } catch {
    return undefined;
  }
}

/** The https public URL of the tunnel to `port` in ngrok's GET /api/tunnels answer, or undefined (not up yet). */
export function ngrokPublicUrl(answer: unknown, port: number): string | undefined {
  const tunnels = (answer as { tunnels?: unknown } | undefined)?.tunnels;
  if (!Array.isArray(tunnels)) return undefined;
  for (const t of tunnels as { public_url?: unknown; config?: { addr?: unknown } }[]) {
    const url = t?.public_url;
    if (typeof url !== 'string' || !url.startsWith('https://')) continue;
    if (addrPort(t.config?.addr) === port) return url.replace(/\/+$/, '');
  }
  return undefined;
}

/** The port of ngrok's `config.addr` ("http://localhost:3000", "127.0.0.1:3000", "3000"). */
function addrPort(addr: unknown): number | undefined {
  if (typeof addr === 'number') return addr;
  if (typeof addr !== 'string') return undefined;
  const m = /:(\d+)\/?$/.exec(addr) ?? /^(\d+)$/.exec(addr);
  return m ? Number(m[1]) : undefined;
}

/** devtunnel's public URL for `port` from one line of its output (either format), or undefined. */
export function devtunnelUrl(line: string, port: number): string | undefined {
  if (!/Connect via browser:|Hosting port/.test(line)) return undefined;
  for (const m of line.matchAll(/https:\/\/[^\s,]+/g)) {
    const url = m[0].replace(/[/.,;]+$/, '');
    const host = (/^https:\/\/([^/:?#]+)/.exec(url)?.[1] ?? '').toLowerCase();
    if (!host.endsWith('.devtunnels.ms') || host.includes('-inspect.')) continue;
    if (host.split('.')[0].endsWith(`-${port}`)) return url;
  }
  return undefined;
}
