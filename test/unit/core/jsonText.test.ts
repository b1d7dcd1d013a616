// JSON a person typed (an NCCO file, an NCCO as text): its first mistake said in words with where it is, never
// jsonc-parser's code names (CloseBraceExpected) and never the text around it (the user's data).
import * as assert from 'node:assert/strict';
import { readJsonText } from '../../../src/vonage/jsonText';
import { checkedNccoText } from '../../../src/vonage/ncco';

describe('core: JSON typed by a person (readJsonText)', () => {
  const mistakes: [string, string][] = [
    ['[\n  { "action": "talk", "text": "secret words"\n]\n', 'a , is missing (or the } or ] that closes what is open) before line 3, column 1'],
    ['[{"action": "talk"', 'a } is missing before line 1, column 19'],
    ['[{"action": "talk"},]', 'a value is missing (or a , is one too many) before line 1, column 21'],
    ['[{"action": "talk",}]', 'a field name in double quotes is missing (or a , is one too many) before line 1, column 20'],
    ['[{"action" "talk"}]', 'a : is missing after a field name before line 1, column 12'],
    ["[{'action': 'talk'}]", 'there is something JSON does not allow (names and texts go in double quotes; true, false and null in lower case) at line 1, column 3'],
    ['// greet\n[]', 'there is a comment, which JSON does not allow at line 1, column 1'],
    ['[] []', 'there is more after the end of the JSON at line 1, column 4'],
    ['[{"text": "secret\nwords"}]', 'a text in quotes has no closing " on its line at line 1, column 11'],
    ['  \n', 'there is nothing in it'],
  ];
  for (const [text, problem] of mistakes) {
    it(`${JSON.stringify(text)}: ${problem}`, async () => {
      const reading = await readJsonText(text);
      assert.equal(reading.problem, problem);
      assert.doesNotMatch(problem, /secret|Expected|Invalid/, 'neither the text nor a code name');
    });
  }

  it('JSON: its value, no problem', async () => {
    assert.deepEqual(await readJsonText('[{"action": "talk", "text": "hi"}]\n'), { value: [{ action: 'talk', text: 'hi' }] });
  });

  it('checkedNccoText: the file (or "The NCCO") named, the mistake in words, nothing sent', async () => {
    await assert.rejects(checkedNccoText('[\n  { "action": "talk", "text": "x"\n]\n', 'ivr.ncco.json'),
      { name: 'VonageInputError', field: 'ncco', message: 'ivr.ncco.json is not valid JSON: a , is missing (or the } or ] that closes what is open) before line 3, column 1. Fix it and try again; nothing was sent.' });
    await assert.rejects(checkedNccoText('[{"action": "talk"}]'), { message: 'Action 1 (talk) needs "text".' });
    await assert.rejects(checkedNccoText('[{"action": "talk"}]', 'a.ncco.json'), { message: 'a.ncco.json: Action 1 (talk) needs "text".' });
    assert.deepEqual(await checkedNccoText('[{"action": "wait"}]'), [{ action: 'wait' }]);
  });
});
