// The exclude glob of a workspace-wide token renewal: the user's files.exclude and search.exclude, the
// token settings' globs, and always node_modules and .git — as one brace group VS Code's matcher reads.
import * as assert from 'node:assert/strict';
import { ALWAYS_EXCLUDED, combinedExclude, enabledGlobs, expandBraces } from '../../../src/workspace/excludeGlobs';

describe('workspace: exclude globs', () => {
  it('expands brace groups, nested ones too', () => {
    assert.deepEqual(expandBraces('**/*.{js,map}'), ['**/*.js', '**/*.map']);
    assert.deepEqual(expandBraces('{a,b}/{c,d}'), ['a/c', 'a/d', 'b/c', 'b/d']);
    assert.deepEqual(expandBraces('**/{dist,{out,build}}/**'), ['**/dist/**', '**/out/**', '**/build/**']);
    assert.deepEqual(expandBraces('plain/**'), ['plain/**']);
    assert.deepEqual(expandBraces('broken{a,b'), ['broken{a,b']);
  });

  it('takes the globs a setting switches on (true), not conditional or false ones', () => {
    assert.deepEqual(enabledGlobs({ '**/.git': true, '**/*.js': { when: '$(basename).ts' }, '**/tmp': false }), ['**/.git']);
    assert.deepEqual(enabledGlobs(['**/fixtures/**', 3, '']), ['**/fixtures/**']);
    assert.deepEqual(enabledGlobs(undefined), []);
  });

  it('combines everything into one group, node_modules and .git always in it', () => {
    const glob = combinedExclude({ '**/.DS_Store': true }, { '**/bower_components': true, '**/*.code-search': true }, ['**/*.{min.js,map}']);
    assert.equal(glob, `{${[...ALWAYS_EXCLUDED, '**/.DS_Store', '**/bower_components', '**/*.code-search', '**/*.min.js', '**/*.map'].join(',')}}`);
    assert.equal(combinedExclude(), '{**/node_modules/**,**/.git/**}');
  });
});
