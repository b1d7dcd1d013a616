// The mocha entry that VS Code loads as extensionTestsPath (compiled to out/test/integration/index.js).
// It runs inside the extension host of a real VS Code, started by test/host/runTests.ts.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { selectedSuites } from '../support/suiteSelection';

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
 * comma-separated words in INTEGRATION_SUITES, e.g. `INTEGRATION_SUITES=tokens,zz npm run test:integration`
 * (and INTEGRATION_GREP picks tests by title within them).
 * INTEGRATION_ORDER=reverse runs them in reverse name order (the zz- suites, which check the whole
 * run's log, still last): a suite that leans on what an earlier one left behind shows up.
 */
function findTests(dir: string): string[] {
  const suites = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.js'));
  const files = selectedSuites(suites, process.env.INTEGRATION_SUITES).map((f) => path.join(dir, f)).sort();
  if (process.env.INTEGRATION_ORDER !== 'reverse') return files;
  const last = (f: string) => path.basename(f).startsWith('zz-');
  return [...files.filter((f) => !last(f)).reverse(), ...files.filter(last)];
}

/**
 * An uncaught error thrown from inside VS Code's built-in Git extension (its own code, not this
 * extension's): when a suite deletes a test repository, the Git extension's queued `check-ignore`
 * can write to a git process that already exited (EPIPE). VS Code itself only logs such errors from
 * another extension; mocha would pin it on whichever test happens to be running. It is printed, not
 * counted. Anything else uncaught still fails the test, as before.
 */
function isFromBuiltInGitExtension(err: unknown): boolean {
  const firstOwnFrame = String((err as Error | undefined)?.stack ?? '')
    .split('\n')
    .find((line) => /^\s+at /.test(line) && !/node:internal|\(node:/.test(line));
  return firstOwnFrame !== undefined && /[\\/]extensions[\\/]git[\\/]dist[\\/]/.test(firstOwnFrame);
}

function toleratingBuiltInGitErrors(): void {
  // Runner#_uncaught is what mocha binds as its process 'uncaughtException' listener (mocha 10–12).
  const runner = Mocha.Runner.prototype as unknown as { _uncaught: (this: unknown, err: unknown) => void };
  const original = runner._uncaught;
  runner._uncaught = function (this: unknown, err: unknown) {
    if (!isFromBuiltInGitExtension(err)) return original.call(this, err);
    console.log(`[host] not counted: an uncaught error inside VS Code's built-in Git extension: ${String((err as Error).message)}`);
  };
}

export function run(): Promise<void> {
  toleratingBuiltInGitErrors();
  // The extension host's environment need not carry the runner's: name the tier here.
  process.env.MOCHA_TIER = 'integration';
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    reporter: require(path.join(repoRoot(), 'test', 'summaryReporter.js')) as typeof Mocha.reporters.Base,
    // While developing: only the tests whose full title matches INTEGRATION_GREP (a regular expression).
    ...(process.env.INTEGRATION_GREP ? { grep: new RegExp(process.env.INTEGRATION_GREP) } : {}),
  });
  for (const file of findTests(__dirname)) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed.`)) : resolve()));
  });
}
