// Stand-ins for the tunnel programs (cloudflared, ngrok v3, devtunnel): small Node scripts written into a
// test's temp folder, put first on PATH or named in `vonage.webhooks.tunnel`. Each takes the real program's
// command line (and refuses any other, so a wrong one fails the test), prints what the real one prints
// where it prints it (see src/vonage/webhooks/tunnelOutput.ts for the sources), and runs until it is
// stopped (STAND_IN_PID_FILE in its environment: it writes its pid there first). The ngrok one serves its local
// API (GET /api/tunnels) on a free port of 127.0.0.1 and says where in its "starting web service" line, as ngrok
// does when 4040 is taken. Two ways of being hard to stop: one that ignores SIGTERM, and a wrapper that runs the
// real program as its child (as npm's ngrok package does), whose pid is then the one written.
import * as fs from 'fs';
import * as path from 'path';

export type StandInProgram = 'cloudflared' | 'ngrok' | 'devtunnel';

export interface StandInOptions {
  /** 'ok' gives a URL and runs; 'fail' says what the real one says when it cannot start, and exits 1; 'silent' prints nothing and runs. */
  mode?: 'ok' | 'fail' | 'silent';
  /** devtunnel only: 'old' prints the one-line "Hosting port … at …" of older versions. */
  format?: 'current' | 'old';
  /** It ignores SIGTERM (only SIGKILL ends it). */
  ignoresSigterm?: boolean;
  /** It is a wrapper that starts the real program as its child and waits (STAND_IN_PID_FILE gets the child's pid). */
  wrapper?: boolean;
}

/** The public URL a stand-in gives for the server's port. */
export function standInUrl(program: StandInProgram, port: number, opts: StandInOptions = {}): string {
  switch (program) {
    case 'cloudflared': return `https://gentle-river-stand-in-${port}.trycloudflare.com`;
    case 'ngrok': return `https://a1b2-203-0-113-${port % 250}.ngrok-free.app`;
    case 'devtunnel': return opts.format === 'old' ? `https://k4x9q2old-${port}.euw.devtunnels.ms` : `https://k4x9q2-${port}.euw.devtunnels.ms`;
  }
}

/** Writes the stand-in as `<dir>/<program>` (executable) and returns its path. */
export function writeStandIn(dir: string, program: StandInProgram, opts: StandInOptions = {}): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, program);
  const settings = { mode: opts.mode ?? 'ok', format: opts.format ?? 'current', ignoresSigterm: opts.ignoresSigterm === true, wrapper: opts.wrapper === true };
  fs.writeFileSync(file, `#!${process.execPath}\n${SCRIPTS[program]}\nmain(${JSON.stringify(settings)});\n`, { mode: 0o755 });
  return file;
}

const COMMON = `
// A wrapper starts the real program (this script again) as its child, and waits: true, then main returns.
const wrapped = (opts) => {
  if (!opts.wrapper || process.env.STAND_IN_WRAPPED) return false;
  require('child_process').spawn(process.execPath, [__filename, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, STAND_IN_WRAPPED: '1' } });
  setInterval(() => undefined, 1 << 30);
  return true;
};
const started = (opts) => {
  if (wrapped(opts)) return true;
  if (process.env.STAND_IN_PID_FILE) require('fs').writeFileSync(process.env.STAND_IN_PID_FILE, String(process.pid)); // for a test that checks it was ended
  return false;
};
const stamp = () => new Date().toISOString().replace(/\\.\\d+Z$/, 'Z');
const usage = (expected) => { process.stderr.write('stand-in: expected ' + expected + ', got ' + JSON.stringify(process.argv.slice(2)) + '\\n'); process.exit(2); };
const onSigterm = (opts) => process.on('SIGTERM', () => { if (!opts.ignoresSigterm) process.exit(0); });
const runUntilStopped = (opts) => { setInterval(() => undefined, 1 << 30); onSigterm(opts); };
`;

const SCRIPTS: Record<StandInProgram, string> = {
  cloudflared: `${COMMON}
function main(opts) {
  if (started(opts)) return;
  const a = process.argv.slice(2);
  const m = /^http:\\/\\/127\\.0\\.0\\.1:(\\d+)$/.exec(a[3] || '');
  if (a[0] !== 'tunnel' || a[1] !== '--no-autoupdate' || a[2] !== '--url' || !m || a.length !== 4) usage('tunnel --no-autoupdate --url http://127.0.0.1:PORT');
  const log = (level, text) => process.stderr.write(stamp() + ' ' + level + ' ' + text + '\\n');
  if (opts.mode === 'silent') return runUntilStopped(opts);
  log('INF', 'Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out. However, be aware that these account-less Tunnels have no uptime guarantee, are subject to the Cloudflare Online Services Terms of Use (https://www.cloudflare.com/website-terms/), and Cloudflare reserves the right to investigate your use of Tunnels for violations of such terms. If you intend to use Tunnels in production you should use a pre-created named tunnel by following: https://developers.cloudflare.com/cloudflare-one/connections/connect-apps');
  log('INF', 'Requesting new quick Tunnel on trycloudflare.com...');
  if (opts.mode === 'fail') {
    log('ERR', 'failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": dial tcp: lookup api.trycloudflare.com on 127.0.0.53:53: no such host');
    process.exit(1);
  }
  const lines = ['Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):', 'https://gentle-river-stand-in-' + m[1] + '.trycloudflare.com'];
  const width = Math.max(...lines.map((l) => l.length));
  const border = '+' + '-'.repeat(width + 4) + '+';
  setTimeout(() => {
    for (const l of [border, ...lines.map((l) => '|  ' + l + ' '.repeat(width - l.length) + '  |'), border]) log('INF', l);
    log('INF', 'Cannot determine default configuration path. No file [config.yml config.yaml] in [~/.cloudflared ~/.cloudflare-warp ~/cloudflare-warp /etc/cloudflared /usr/local/etc/cloudflared]');
    log('INF', 'Registered tunnel connection connIndex=0 connection=00000000-0000-0000-0000-000000000000 event=0 ip=198.41.192.7 location=lhr01 protocol=quic');
  }, 50);
  runUntilStopped(opts);
}`,
  ngrok: `${COMMON}
const http = require('http');
function main(opts) {
  if (started(opts)) return;
  const a = process.argv.slice(2);
  const m = /^http:\\/\\/127\\.0\\.0\\.1:(\\d+)$/.exec(a[1] || '');
  if (a[0] !== 'http' || !m || a[2] !== '--log' || a[3] !== 'stdout' || a.length !== 4) usage('http http://127.0.0.1:PORT --log stdout');
  const t = () => 't=' + new Date().toISOString().replace(/\\.\\d+Z$/, '+0000');
  const say = (text) => process.stdout.write(t() + ' ' + text + '\\n');
  if (opts.mode === 'silent') return runUntilStopped(opts);
  say('lvl=info msg="no configuration paths supplied"');
  if (opts.mode === 'fail') {
    say('lvl=eror msg="failed to reconnect session" obj=tunnels.session obj=csess id=5c2bd0b4d1a1 err="authentication failed: Usage of ngrok requires a verified account and authtoken.\\\\n\\\\nSign up for an account: https://dashboard.ngrok.com/signup\\\\nInstall your authtoken: https://dashboard.ngrok.com/get-started/your-authtoken\\\\r\\\\n\\\\r\\\\nERR_NGROK_4018\\\\r\\\\n"');
    process.stderr.write('ERROR:  authentication failed: Usage of ngrok requires a verified account and authtoken.\\nERROR:  ERR_NGROK_4018\\n');
    process.exit(1);
  }
  const publicUrl = 'https://a1b2-203-0-113-' + (Number(m[1]) % 250) + '.ngrok-free.app';
  let up = false;
  const api = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/api/tunnels') { res.writeHead(404); return res.end(); }
    const tunnels = up ? [{ name: 'command_line', ID: '2f0e1a9c7b6d5e4f', uri: '/api/tunnels/command_line', public_url: publicUrl, proto: 'https', config: { addr: a[1], inspect: true }, metrics: {} }] : [];
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ tunnels, uri: '/api/tunnels' }));
  });
  api.listen(0, '127.0.0.1', () => {
    say('lvl=info msg="starting web service" obj=web addr=127.0.0.1:' + api.address().port + ' allow_hosts=[]');
    setTimeout(() => {
      say('lvl=info msg="client session established" obj=tunnels.session');
      say('lvl=info msg="tunnel session started" obj=tunnels.session');
      up = true;
      say('lvl=info msg="started tunnel" obj=tunnels name=command_line addr=' + a[1] + ' url=' + publicUrl);
    }, 150);
  });
  onSigterm(opts);
}`,
  devtunnel: `${COMMON}
function main(opts) {
  if (started(opts)) return;
  const a = process.argv.slice(2);
  if (a[0] !== 'host' || a[1] !== '-p' || !/^\\d+$/.test(a[2] || '') || a[3] !== '--allow-anonymous' || a.length !== 4) usage('host -p PORT --allow-anonymous');
  const port = a[2];
  const say = (text) => process.stdout.write(text + '\\n');
  if (opts.mode === 'silent') return runUntilStopped(opts);
  if (opts.mode === 'fail') {
    process.stderr.write('Login required. Run "devtunnel user login" and try again.\\n');
    process.exit(1);
  }
  setTimeout(() => {
    if (opts.format === 'old') {
      say('Hosting port ' + port + ' at https://k4x9q2old.euw.devtunnels.ms:' + port + '/, https://k4x9q2old-' + port + '.euw.devtunnels.ms/ and inspect it at https://k4x9q2old-' + port + '-inspect.euw.devtunnels.ms/');
    } else {
      say('Hosting port: ' + port);
      say('Connect via browser: https://k4x9q2-' + port + '.euw.devtunnels.ms');
      say('Inspect network activity: https://k4x9q2-' + port + '-inspect.euw.devtunnels.ms');
      say('');
    }
    say('Ready to accept connections for tunnel: k4x9q2.euw');
  }, 50);
  runUntilStopped(opts);
}`,
};
