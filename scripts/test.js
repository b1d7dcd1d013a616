#!/usr/bin/env node
// `npm test`: every test tier, in order, each in its own process:
//   unit         the core and the sandbox in plain Node (mocha + tsx)
//   contract     the core's requests and the sandbox's responses through Prism, checked against
//                Vonage's own OpenAPI documents (../shared/vonage-api)
//   integration  mocha suites inside a real VS Code extension host (test/host)
//   ui           the workbench driven like a person (palette, tree, editor) in headless Chromium
// Pick tiers with `npm test -- unit contract`. Each tier ends with `<tier>: N passed, M failed`; this
// script adds them up and ends with the plain `N passed, M failed` line. It exits non-zero when any
// tier fails or when a tier ran no test at all.
'use strict';
const { spawn } = require('child_process');

const TIERS = {
  unit: ['npm', ['run', '--silent', 'test:unit']],
  contract: ['npm', ['run', '--silent', 'test:contract']],
  integration: ['npm', ['run', '--silent', 'test:integration']],
  ui: ['npm', ['run', '--silent', 'test:ui']],
};

const wanted = process.argv.slice(2);
for (const t of wanted) {
  if (!TIERS[t]) {
    console.error(`Unknown test tier "${t}". Choose from: ${Object.keys(TIERS).join(', ')}.`);
    process.exit(2);
  }
}
const tiers = wanted.length ? wanted : Object.keys(TIERS);

function runTier(name) {
  const [cmd, args] = TIERS[name];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['inherit', 'pipe', 'inherit'], env: { ...process.env, MOCHA_TIER: name } });
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-20000);
    });
    const stop = () => child.kill('SIGINT');
    process.once('SIGINT', stop);
    child.on('close', (code, signal) => {
      process.removeListener('SIGINT', stop);
      const re = new RegExp(`^${name}: (\\d+) passed, (\\d+) failed`, 'gm');
      let m, last;
      while ((m = re.exec(tail))) last = m;
      resolve({
        name,
        code: code ?? (signal ? 1 : 0),
        passed: last ? Number(last[1]) : 0,
        failed: last ? Number(last[2]) : 0,
        counted: Boolean(last),
        seconds: (Date.now() - started) / 1000,
      });
    });
  });
}

(async () => {
  const results = [];
  for (const name of tiers) {
    console.log(`\n=== ${name} tests ===`);
    results.push(await runTier(name));
  }
  console.log('\n=== summary ===');
  let ok = true;
  for (const r of results) {
    const problem = r.code !== 0 ? ` (exit code ${r.code})` : !r.counted ? ' (printed no result line)' : r.passed === 0 ? ' (ran no test)' : '';
    if (problem || r.failed > 0) ok = false;
    console.log(`  ${r.name.padEnd(12)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds.toFixed(1)} s${problem}`);
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0) + results.filter((r) => r.code !== 0 && r.failed === 0).length;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(ok ? 0 : 1);
})();
