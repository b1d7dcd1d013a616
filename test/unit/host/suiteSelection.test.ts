// Which integration suites a run selects (INTEGRATION_SUITES), and so what it needs installed: Debian's
// Python packages only when a selected suite runs the generated FastAPI and Flask endpoints.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { PYTHON_SUITES, needsPython, selectedSuites } from '../../support/suiteSelection';

const SUITES = ['calls.test.ts', 'endpoint.test.ts', 'endpointCheck.test.ts', 'env.test.ts', 'webhooks.test.ts', 'zz-manifest-and-log.test.ts'];

describe('integration suites: the selection and what it needs', () => {
  it('INTEGRATION_SUITES picks the suites whose file name holds one of its words; none given: all', () => {
    assert.deepEqual(selectedSuites(SUITES, 'endpoint,zz'), ['endpoint.test.ts', 'endpointCheck.test.ts', 'zz-manifest-and-log.test.ts']);
    assert.deepEqual(selectedSuites(SUITES, ' calls , '), ['calls.test.ts']);
    assert.deepEqual(selectedSuites(SUITES, undefined), SUITES);
    assert.deepEqual(selectedSuites(SUITES, ''), SUITES);
  });

  it('Python\'s packages only when a selected suite runs the Python endpoints: not for calls, webhooks or the endpoint check alone', () => {
    assert.equal(needsPython(SUITES, 'calls,zz'), false);
    assert.equal(needsPython(SUITES, 'webhooks'), false);
    assert.equal(needsPython(SUITES, 'endpointCheck'), false);
    assert.equal(needsPython(SUITES, 'endpoint,env,zz'), true);
    assert.equal(needsPython(SUITES, undefined), true, 'the whole run');
  });

  it('the suites said to need Python exist (a renamed suite would silently stop installing it)', () => {
    const suites = fs.readdirSync(path.join(__dirname, '..', '..', 'integration'));
    for (const suite of PYTHON_SUITES) assert.ok(suites.includes(suite), `${suite} is in test/integration/`);
  });
});
