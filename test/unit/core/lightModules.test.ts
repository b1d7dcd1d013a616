// Modules the extension loads at activation (or in an InputBox's validate, or to throw/check its error classes) must stay import-free:
// anything they import is loaded eagerly, and the core's node-fetch / jsonwebtoken may only load on first use.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as baseUrls from '../../../src/vonage/baseUrls';
import * as core from '../../../src/vonage';
import { webhookUrlProblem } from '../../../src/vonage/urls';

const LIGHT = ['src/vonage/baseUrls.ts', 'src/vonage/urls.ts', 'src/vonage/errors.ts'];

describe('core: light modules', () => {
  for (const file of LIGHT) {
    it(`${file} imports nothing (it is loaded at activation)`, () => {
      const text = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', file), 'utf8');
      assert.doesNotMatch(text, /^\s*import\b|\brequire\(|\bimport\(/m);
    });
  }

  it('the barrel and httpClient re-export the same default base URL', () => {
    assert.equal(core.DEFAULT_BASE_URL, baseUrls.DEFAULT_BASE_URL);
    assert.equal(core.DEFAULT_BASE_URL, 'https://api.nexmo.com');
  });

  describe('webhookUrlProblem (the one webhook URL check: core and InputBoxes)', () => {
    const cases: [string, Parameters<typeof webhookUrlProblem>[1], boolean, string | undefined][] = [
      ['https://example.com/rtc', 'rtcEventUrl', false, undefined],
      ['  http://127.0.0.1:3000/answer ', 'voiceAnswerUrl', false, undefined],
      ['', 'rtcEventUrl', true, undefined],
      ['  ', 'voiceAnswerUrl', false, 'Enter the voice answer URL, e.g. https://example.com/webhooks/answer.'],
      ['example.com/event', 'voiceEventUrl', false, 'The voice event URL "example.com/event" is not a URL. Enter a full address such as https://example.com/webhooks/event.'],
      [' not a url ', 'rtcEventUrl', true, 'The RTC event URL "not a url" is not a URL. Enter a full address such as https://example.com/webhooks/rtc/event.'],
      ['ftp://example.com/a', 'voiceAnswerUrl', false, 'The voice answer URL must start with https:// or http://, not ftp://.'],
    ];
    for (const [text, field, optional, want] of cases) {
      it(`${JSON.stringify(text)} as ${field}${optional ? ' (optional)' : ''}: ${want ?? 'fine'}`, () => {
        assert.equal(webhookUrlProblem(text, field, optional), want);
      });
    }

    it('the core refuses the same URL with the same sentence, naming the field', () => {
      assert.throws(() => core.applicationBody({ name: 'n', voiceAnswerUrl: 'ftp://example.com/a' }),
        (e: unknown) => e instanceof core.VonageInputError && e.field === 'voiceAnswerUrl'
          && e.message === 'The voice answer URL must start with https:// or http://, not ftp://.');
    });
  });
});
