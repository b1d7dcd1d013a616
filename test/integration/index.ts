// The mocha entry that VS Code loads as extensionTestsPath (compiled to out/test/integration/index.js).
// It runs inside the extension host of a real VS Code, started by test/host/runTests.ts.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** The repository root: the folder above out/ (this file runs from out/test/integration/). */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/**
 * Every compiled suite, or (while developing) only those whose file name contains one of the
 * comma-separated words in INTEGRATION_SUITES, e.g. `INTEGRATION_SUITES=tokens,zz npm run test:integration`.
 */
function findTests(dir: string): string[] {
  const only = (process.env.INTEGRATION_SUITES ?? '').split(',').map((w) => w.trim()).filter(Boolean);
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => !only.length || only.some((w) => path.basename(f).includes(w)))
    .map((f) => path.join(dir, f))
    .sort();
}

export function run(): Promise<void> {
  // The extension host's environment need not carry the runner's: name the tier here.
  process.env.MOCHA_TIER = 'integration';
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    reporter: require(path.join(repoRoot(), 'test', 'summaryReporter.js')) as typeof Mocha.reporters.Base,
  });
  for (const file of findTests(__dirname)) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed.`)) : resolve()));
  });
}
