#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's `vscodeExecutablePath` (VSCODE_TEST_SHIM=1 in
// runTests.ts): turns the desktop CLI arguments (--extensionDevelopmentPath, --extensionTestsPath, a folder)
// into a code-server run of the same suites. Its exit code is the suites' result.
'use strict';
require('tsx/cjs');

const args = process.argv.slice(2);
const get = (name) => {
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  if (eq) return eq.slice(name.length + 3);
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const extensionDevelopmentPath = get('extensionDevelopmentPath');
const extensionTestsPath = get('extensionTestsPath');
if (!extensionDevelopmentPath || !extensionTestsPath) {
  console.error(`[code-shim] needs --extensionDevelopmentPath and --extensionTestsPath, got: ${args.join(' ')}`);
  process.exit(2);
}
const valued = new Set([extensionDevelopmentPath, extensionTestsPath]);
const folder = args.find((a, i) => !a.startsWith('-') && !valued.has(a) && !(i > 0 && /^--[^=]+$/.test(args[i - 1])));
console.log(`[code-shim] running ${extensionTestsPath} in code-server`);

// The outer runner already built everything; this process must not recurse into test-electron.
process.env.SKIP_BUILD = '1';
delete process.env.VSCODE_TEST_SHIM;
delete process.env.VSCODE_TEST_DESKTOP;
const { main } = require('./runTests');
main({ extensionDevelopmentPath, extensionTestsPath, folder }).then((code) => process.exit(code));
