// Starting each tunnel program (a stand-in that takes the real command line and prints what the real one
// prints), reading its URL, stopping it; one that cannot start, one that says nothing, one that dies; and
// finding a program on PATH.
import * as assert from 'node:assert/strict';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findExecutable } from '../../../src/vonage/webhooks/executables';
import { type RunningTunnel, type TunnelExit, TunnelError, startTunnel } from '../../../src/vonage/webhooks/tunnelLauncher';
import { standInUrl, writeStandIn } from '../../support/tunnelStandIns';

const PORT = 40123;

/** The pid a stand-in started with `pidFile` in its environment wrote, once it has (it writes it first). */
async function pidIn(pidFile: string): Promise<number> {
  const until = Date.now() + 10_000;
  while (!fs.existsSync(pidFile) || fs.readFileSync(pidFile, 'utf8') === '') {
    if (Date.now() > until) assert.fail('the stand-in never wrote its pid');
    await new Promise((r) => setTimeout(r, 20));
  }
  return Number(fs.readFileSync(pidFile, 'utf8'));
}

/** Waits until the process is gone (a killed process is reaped a moment after its kill). */
async function gone(pid: number): Promise<void> {
  const until = Date.now() + 10_000;
  while (alive(pid)) {
    if (Date.now() > until) assert.fail(`process ${pid} is still running`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Whether a process with this pid is running. */
function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try { process.kill(pid, 0); return true; } catch { return false; }
}

describe('core: tunnel programs, started and stopped', function () {
  this.timeout(20_000);
  let dir: string;
  const running: RunningTunnel[] = [];
  /** Programs a test started that may outlive their tunnel when the test fails: ended after it, whatever happened. */
  const started: number[] = [];

  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tunnels-')); });
  afterEach(async () => {
    for (const t of running.splice(0)) await t.stop();
    for (const pid of started.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const program of ['cloudflared', 'ngrok', 'devtunnel'] as const) {
    it(`${program}: its URL read from its own output; stop() ends it`, async () => {
      const executable = writeStandIn(dir, program);
      const tunnel = await startTunnel({ program, executable, port: PORT });
      running.push(tunnel);
      assert.equal(tunnel.url, standInUrl(program, PORT));
      assert.ok(alive(tunnel.pid));
      await tunnel.stop();
      assert.ok(!alive(tunnel.pid), 'stopped');
    });
  }

  it('devtunnel\'s older one-line output', async () => {
    const tunnel = await startTunnel({ program: 'devtunnel', executable: writeStandIn(dir, 'devtunnel', { format: 'old' }), port: PORT });
    running.push(tunnel);
    assert.equal(tunnel.url, standInUrl('devtunnel', PORT, { format: 'old' }));
  });

  it('a program that cannot start: one sentence with what it said last', async () => {
    await assert.rejects(startTunnel({ program: 'cloudflared', executable: writeStandIn(dir, 'cloudflared', { mode: 'fail' }), port: PORT }),
      (e: Error) => e instanceof TunnelError && /^cloudflared stopped before giving a public URL \(exit code 1\): it said ".*ERR failed to request quick Tunnel: Post "https:\/\/api\.trycloudflare\.com\/tunnel"/.test(e.message));
    await assert.rejects(startTunnel({ program: 'ngrok', executable: writeStandIn(path.join(dir, 'n'), 'ngrok', { mode: 'fail' }), port: PORT }),
      /^TunnelError: ngrok stopped before giving a public URL \(exit code 1\): it said "ERROR: {2}ERR_NGROK_4018"\.$/);
    await assert.rejects(startTunnel({ program: 'devtunnel', executable: path.join(dir, 'missing'), port: PORT }), /^TunnelError: devtunnel could not be started from .*missing \(ENOENT\)\.$/);
  });

  it('a program that gives no URL in time is stopped, and says so', async () => {
    const executable = writeStandIn(dir, 'cloudflared', { mode: 'silent' });
    const pidFile = path.join(dir, 'pid');
    const starting = startTunnel({ program: 'cloudflared', executable, port: PORT, timeoutMs: 500, env: { ...process.env, STAND_IN_PID_FILE: pidFile } });
    await assert.rejects(starting, /^TunnelError: cloudflared gave no public URL within 1 s\.$/);
    await gone(await pidIn(pidFile));
  });

  it('stopped while it starts (the webhook server stopped, the window closes): the program is ended at once, and says so', async () => {
    const executable = writeStandIn(dir, 'ngrok', { mode: 'silent' });
    const pidFile = path.join(dir, 'pid');
    const stop = new AbortController();
    const starting = startTunnel({ program: 'ngrok', executable, port: PORT, env: { ...process.env, STAND_IN_PID_FILE: pidFile }, signal: stop.signal });
    const pid = await pidIn(pidFile);
    assert.ok(alive(pid), 'running, with no URL yet');
    stop.abort();
    await assert.rejects(starting, /^TunnelError: ngrok was stopped before it gave a public URL: the webhook server stopped\.$/);
    await gone(pid);
    await assert.rejects(startTunnel({ program: 'ngrok', executable, port: PORT, signal: stop.signal }), /^TunnelError: ngrok was not started: the webhook server stopped first\.$/);
  });

  it('a tunnel that dies is told at once (not after stop())', async () => {
    const tunnel = await startTunnel({ program: 'cloudflared', executable: writeStandIn(dir, 'cloudflared'), port: PORT });
    running.push(tunnel);
    const exit = new Promise<TunnelExit>((resolve) => tunnel.onExit(resolve));
    process.kill(tunnel.pid!, 'SIGKILL');
    const info = await exit;
    assert.equal(info.signal, 'SIGKILL');
    assert.match(info.lastLine ?? '', /Registered tunnel connection|trycloudflare/);
  });

  it('stop() ends the program and what it started (its process group): a wrapper that runs the real program as its child, as npm\'s ngrok does', async () => {
    const pidFile = path.join(dir, 'pid');
    const tunnel = await startTunnel({ program: 'cloudflared', executable: writeStandIn(dir, 'cloudflared', { wrapper: true }), port: PORT, env: { ...process.env, STAND_IN_PID_FILE: pidFile } });
    running.push(tunnel);
    const real = await pidIn(pidFile);
    started.push(real);
    assert.notEqual(real, tunnel.pid, 'the real program is the wrapper\'s child');
    await tunnel.stop();
    await gone(real);
  });

  it('kill() ends a program that ignores SIGTERM at once (the window is closing: no time to wait for it)', async () => {
    const tunnel = await startTunnel({ program: 'devtunnel', executable: writeStandIn(dir, 'devtunnel', { ignoresSigterm: true }), port: PORT });
    running.push(tunnel);
    started.push(tunnel.pid!);
    tunnel.kill();
    await gone(tunnel.pid!);
  });

  it('the extension host exiting takes the tunnel with it, even one that ignores SIGTERM and one wrapped', async () => {
    const pidFile = path.join(dir, 'pid');
    const host = path.join(dir, 'host.ts');
    // A stand-in extension host: starts the tunnel, then, as a closing window does, stops it without waiting and exits.
    fs.writeFileSync(host, [
      `import { startTunnel } from ${JSON.stringify(path.resolve(__dirname, '../../../src/vonage/webhooks/tunnelLauncher'))};`,
      `void startTunnel({ program: 'ngrok', executable: ${JSON.stringify(writeStandIn(dir, 'ngrok', { ignoresSigterm: true, wrapper: true }))}, port: ${PORT} })`,
      '  .then((t) => { void t.stop(); process.exit(0); });',
    ].join('\n'));
    const exited = new Promise<number | null>((resolve) => {
      spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), host], { stdio: 'ignore', env: { ...process.env, STAND_IN_PID_FILE: pidFile } }).once('exit', resolve);
    });
    const real = await pidIn(pidFile);
    started.push(real);
    assert.equal(await exited, 0);
    await gone(real);
  });

  it('findExecutable: on PATH in order, executable files only; a path is taken as it is', () => {
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    writeStandIn(b, 'ngrok');
    fs.mkdirSync(a);
    fs.writeFileSync(path.join(a, 'ngrok'), 'not executable', { mode: 0o644 });
    assert.equal(findExecutable('ngrok', { PATH: [a, b].join(path.delimiter) }, 'linux'), path.join(b, 'ngrok'));
    assert.equal(findExecutable('cloudflared', { PATH: [a, b].join(path.delimiter) }, 'linux'), undefined);
    assert.equal(findExecutable(path.join(b, 'ngrok'), { PATH: '' }, 'linux'), path.join(b, 'ngrok'));
  });
});
