// Mocha reporter: the usual spec output, then one closing line `<tier>: N passed, M failed[, K pending]`
// that scripts/test.js and CI read. The tier name comes from MOCHA_TIER (default "tests").
// Plain JS so it loads both under tsx in Node and inside the VS Code extension host.
'use strict';
const Mocha = require('mocha');
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats || { passes: 0, failures: 0, pending: 0 };
      const tier = process.env.MOCHA_TIER || 'tests';
      const pending = s.pending ? `, ${s.pending} pending` : '';
      // console.log goes through the extension host's log relay when running inside VS Code.
      console.log(`${tier}: ${s.passes} passed, ${s.failures} failed${pending}`);
    });
  }
}

module.exports = SummaryReporter;
