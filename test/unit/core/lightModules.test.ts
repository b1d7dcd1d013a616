// Modules the extension loads at activation (or in an InputBox's validate) must stay import-free:
// anything they import is loaded eagerly, and the core's node-fetch / jsonwebtoken may only load on first use.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as baseUrls from '../../../src/vonage/baseUrls';
import * as core from '../../../src/vonage';

const LIGHT = ['src/vonage/baseUrls.ts'];

describe('core: light modules', () => {
  for (const file of LIGHT) {
    it(`${file} imports nothing (it is loaded at activation)`, () => {
      const text = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', file), 'utf8');
      assert.doesNotMatch(text, /^\s*import\b|\brequire\(|\bimport\(/m);
    });
  }

  it('the barrel and httpClient re-export the same base URLs', () => {
    assert.equal(core.DEFAULT_BASE_URL, baseUrls.DEFAULT_BASE_URL);
    assert.equal(core.DEFAULT_BASE_URL, 'https://api.nexmo.com');
    assert.equal(core.VONAGE_BASE_URLS, baseUrls.VONAGE_BASE_URLS);
  });
});
