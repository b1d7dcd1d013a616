// Starting a tunnel program the developer has (cloudflared, ngrok v3, devtunnel) to the webhook server,
// reading its public URL from its own output (tunnelOutput.ts), and stopping it. Nothing is bundled or
// downloaded: the program is the developer's, found on PATH or named in a setting.
import { type ChildProcess, spawn, spawnSync } from 'child_process';
import * as http from 'http';
import { CloudflaredOutput, LineSplitter, type TunnelProgram, devtunnelUrl, ngrokApiAddress, ngrokPublicUrl } from './tunnelOutput';

/** The tunnel did not start: `message` is one sentence saying why (and what the program said last). */
export class TunnelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TunnelError';
  }
}

export interface TunnelOptions {
  program: TunnelProgram;
  /** The program's file (found on PATH, or named in the setting). */
  executable: string;
  /** The webhook server's port on 127.0.0.1. */
  port: number;
  /** How long the program may take to give a URL (default 30 s). */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Aborted while the program starts (the server stopped, the window closes): the program is ended at once. */
  signal?: AbortSignal;
}

export interface TunnelExit { code: number | null; signal: NodeJS.Signals | null; lastLine?: string }

export interface RunningTunnel {
  readonly program: TunnelProgram;
  /** The public https URL, without a trailing slash. */
  readonly url: string;
  readonly pid: number | undefined;
  /** Called once when the program ends by itself (not after stop()). */
  onExit(listener: (exit: TunnelExit) => void): void;
  /** Ends the program and what it started (SIGTERM, then SIGKILL after 3 s). */
  stop(): Promise<void>;
  /** Ends the program and what it started at once (SIGKILL): the window is closing, there is no time to wait. */
  kill(): void;
}

/** The command line of each program for a quick tunnel to 127.0.0.1:port. */
export function tunnelArgs(program: TunnelProgram, port: number): string[] {
  switch (program) {
    case 'cloudflared': return ['tunnel', '--no-autoupdate', '--url', `http://127.0.0.1:${port}`];
    case 'ngrok': return ['http', `http://127.0.0.1:${port}`, '--log', 'stdout'];
    case 'devtunnel': return ['host', '-p', String(port), '--allow-anonymous'];
  }
}

/**
 * Starts the program and resolves once its public URL is known; a TunnelError says why it did not come. On
 * every way it can fail (no URL in time, the program ends, `signal` aborted) the program is ended.
 */
export function startTunnel(opts: TunnelOptions): Promise<RunningTunnel> {
  if (opts.signal?.aborted) return Promise.reject(new TunnelError(`${opts.program} was not started: the webhook server stopped first.`));
  // Its own process group (POSIX): ending it ends what it started too (npm's ngrok is a wrapper around the binary).
  const child = spawn(opts.executable, tunnelArgs(opts.program, opts.port), { stdio: ['ignore', 'pipe', 'pipe'], env: opts.env ?? process.env, windowsHide: true, detached: !WINDOWS });
  endWithThisProcess(child);
  return new Promise<RunningTunnel>((resolve, reject) => {
    const watch = new OutputWatch(opts.program, opts.port);
    let settled = false;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      watch.done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', stopped);
      return true;
    };
    const fail = (message: string) => {
      if (!settle()) return;
      signalGroup(child, 'SIGKILL');
      reject(new TunnelError(message));
    };
    const succeed = (url: string) => {
      if (settle()) resolve(new Tunnel(opts.program, url, child, watch));
    };
    const stopped = () => fail(`${opts.program} was stopped before it gave a public URL: the webhook server stopped.`);
    const timer = setTimeout(() => fail(`${opts.program} gave no public URL within ${Math.round((opts.timeoutMs ?? 30_000) / 1000)} s${watch.said()}`), opts.timeoutMs ?? 30_000);
    opts.signal?.addEventListener('abort', stopped, { once: true });
    watch.onUrl = succeed;
    for (const stream of [child.stdout, child.stderr]) {
      const lines = new LineSplitter();
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => { for (const l of lines.push(chunk)) watch.line(l); });
      stream?.on('end', () => { for (const l of lines.end()) watch.line(l); });
    }
    child.once('error', (e: Error & { code?: string }) => fail(`${opts.program} could not be started from ${opts.executable} (${e.code ?? e.message}).`));
    child.once('exit', (code, signal) => fail(`${opts.program} stopped before giving a public URL (${code !== null ? `exit code ${code}` : `signal ${String(signal)}`})${watch.said()}`));
  });
}

/** Reads the program's lines: the URL (directly, or for ngrok through its local API), and the last line said. */
class OutputWatch {
  onUrl: (url: string) => void = () => undefined;
  lastLine?: string;
  /** Set once the URL came or the start failed: nothing more to look for. */
  done = false;
  private readonly cloudflared = new CloudflaredOutput();
  private polling = false;

  constructor(private readonly program: TunnelProgram, private readonly port: number) {}

  line(raw: string): void {
    const line = raw.trim();
    if (!line) return;
    this.lastLine = line;
    if (this.program === 'cloudflared') {
      const url = this.cloudflared.line(line);
      if (url) this.onUrl(url);
    } else if (this.program === 'devtunnel') {
      const url = devtunnelUrl(line, this.port);
      if (url) this.onUrl(url);
    } else {
      const api = ngrokApiAddress(line);
      if (api && !this.polling) void this.pollNgrok(api);
    }
  }

  /** ": it said “…”", for a sentence about what went wrong. */
  said(): string {
    return this.lastLine ? `: it said "${this.lastLine.slice(0, 300)}".` : '.';
  }

  private async pollNgrok(address: string): Promise<void> {
    this.polling = true;
    const url = `http://${address}/api/tunnels`;
    while (!this.done) {
      try {
        const found = ngrokPublicUrl(await getJson(url), this.port);
        if (found) return this.onUrl(found);
      } catch {
        // not up yet: ask again
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

class Tunnel implements RunningTunnel {
  private stopping = false;
  private readonly listeners: ((exit: TunnelExit) => void)[] = [];
  private readonly exited: Promise<void>;

  constructor(readonly program: TunnelProgram, readonly url: string, private readonly child: ChildProcess, watch: OutputWatch) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => {
      resolve();
      if (!this.stopping) for (const l of this.listeners) l({ code, signal, lastLine: watch.lastLine });
    }));
  }

  get pid(): number | undefined { return this.child.pid; }

  onExit(listener: (exit: TunnelExit) => void): void {
    this.listeners.push(listener);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      signalGroup(this.child, 'SIGKILL'); // the program is gone; what it started may not be
      return;
    }
    signalGroup(this.child, 'SIGTERM');
    const killer = setTimeout(() => signalGroup(this.child, 'SIGKILL'), 3000);
    await this.exited;
    clearTimeout(killer);
    signalGroup(this.child, 'SIGKILL'); // a child that ignored SIGTERM while the program itself ended
  }

  kill(): void {
    this.stopping = true;
    signalGroup(this.child, 'SIGKILL');
  }
}

const WINDOWS = process.platform === 'win32';

/** The tunnel programs started by this process and not ended yet: ended with it, however it exits. */
const started = new Set<ChildProcess>();

/**
 * Ends the program when this process (the extension host) exits: a stop() that sent SIGTERM and meant to send
 * SIGKILL 3 s later never gets to, and a program that ignores SIGTERM would outlive the window.
 */
function endWithThisProcess(child: ChildProcess): void {
  if (started.size === 0) process.once('exit', endAll);
  started.add(child);
  child.once('exit', () => {
    started.delete(child);
    if (started.size === 0) process.removeListener('exit', endAll);
  });
}

function endAll(): void {
  for (const child of started) signalGroup(child, 'SIGKILL');
}

/**
 * Sends `signal` to the program's process group (itself and what it started), or on Windows ends its process
 * tree (taskkill /T; SIGTERM there is a hard kill anyway). A group already gone is nothing to do.
 */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  if (WINDOWS) {
    spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' });
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the whole group has ended
  }
}

function getJson(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => {
        try { resolve(JSON.parse(text)); } catch (e) { reject(e instanceof Error ? e : new Error(String(e))); }
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}
