// `npm run sandbox`: prints the URL and the demo credentials on lines of their own, serves, stops on SIGINT.
import * as assert from 'node:assert/strict';
import { spawn } from 'child_process';
import * as path from 'path';
import { basic, call } from './helpers';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const tsxCli = require.resolve('tsx/cli', { paths: [repoRoot] });

describe('sandbox: command line', () => {
  it('prints the listening line, the credentials and the signature secret, serves, and exits 0 on SIGINT', async function () {
    this.timeout(20000);
    const child = spawn(process.execPath, [tsxCli, path.join(repoRoot, 'test', 'sandbox', 'cli.ts'), '--port', '0', '--latency', '5'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      child.stderr.on('data', (c: Buffer) => { out += c.toString(); });
      const lines = await new Promise<string[]>((resolve, reject) => {
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const ls = out.split('\n');
          if (ls.length > 4) resolve(ls);
        });
        child.once('exit', () => reject(new Error(`the sandbox exited early:\n${out}`)));
      });
      const m = /^Vonage sandbox listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(lines[0]);
      assert.ok(m, lines[0]);
      assert.match(lines[1], /^API key: \S+$/);
      assert.match(lines[2], /^API secret: \S+$/);
      assert.match(lines[3], /^Signature secret: [A-Za-z0-9_-]{32}$/);
      const key = lines[1].slice('API key: '.length);
      const secret = lines[2].slice('API secret: '.length);
      const r = await call(m[1], 'GET', '/v2/applications', { headers: basic({ apiKey: key, apiSecret: secret }) });
      assert.equal(r.status, 200);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses an unknown option with exit code 2', async function () {
    this.timeout(20000);
    const child = spawn(process.execPath, [tsxCli, path.join(repoRoot, 'test', 'sandbox', 'cli.ts'), '--prot', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    assert.equal(code, 2);
    assert.match(err, /Unknown option --prot/);
  });
});
