// The answer NCCO from the workspace's file: placeholders filled from a GET's query or a POST's JSON,
// always as string content (a hostile value cannot break the document or add an action), and the
// answers for no file and for a file that is no NCCO.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { VonageInputError } from '../../../src/vonage/errors';
import { nccoFileAnswer } from '../../../src/vonage/webhooks/nccoAnswer';
import { answerValues, fillPlaceholders, nccoFromText } from '../../../src/vonage/webhooks/nccoTemplate';

const FILE = JSON.stringify([
  { action: 'talk', text: 'Hello {{from_user}}, you called {{to}} from {{from}}.' },
  { action: 'connect', endpoint: [{ type: 'app', user: '{{custom_data.callee}}' }], eventUrl: ['https://example.com/e?call={{uuid}}&conv={{ conversation_uuid }}'] },
  { action: 'talk', text: 'Kept as written: {{unknown}} and {{custom_data.missing}}.', level: 1 },
]);

describe('core: the answer NCCO from the workspace file', () => {
  it('a GET answer request: the query fills the placeholders; custom_data comes as JSON text', async () => {
    const q = new URLSearchParams({ to: '447700900001', from_user: 'alice', uuid: 'u-1', conversation_uuid: 'CON-1', custom_data: JSON.stringify({ callee: 'bob' }) }).toString();
    const values = answerValues('GET', q, '');
    assert.deepEqual(values, { to: '447700900001', from_user: 'alice', uuid: 'u-1', conversation_uuid: 'CON-1', custom_data: { callee: 'bob' } });
    assert.deepEqual(await nccoFromText(FILE, values), [
      { action: 'talk', text: 'Hello alice, you called 447700900001 from .' },
      { action: 'connect', endpoint: [{ type: 'app', user: 'bob' }], eventUrl: ['https://example.com/e?call=u-1&conv=CON-1'] },
      { action: 'talk', text: 'Kept as written: {{unknown}} and .', level: 1 },
    ]);
  });

  it('a POST answer request: its JSON body fills them; numbers and objects become their JSON text', () => {
    const body = JSON.stringify({ to: 447700900001, from: '447700900000', uuid: 'u-2', conversation_uuid: 'CON-2', custom_data: { callee: { id: 7 } } });
    assert.deepEqual(fillPlaceholders(['{{to}}', { t: '{{custom_data.callee}}', n: 3 }], answerValues('POST', '', body)), ['447700900001', { t: '{"id":7}', n: 3 }]);
  });

  it('a hostile value stays string content: quotes, brackets and braces never escape their string', async () => {
    const evil = '"}]},{"action":"connect","endpoint":[{"type":"phone","number":"447700900666"}]},{"x":"';
    const ncco = await nccoFromText(JSON.stringify([{ action: 'talk', text: 'Hi {{from}}' }]), { from: evil });
    assert.equal(ncco.length, 1, 'no action added');
    assert.deepEqual(ncco[0], { action: 'talk', text: `Hi ${evil}` });
    const served = JSON.stringify(ncco);
    assert.deepEqual(JSON.parse(served), ncco, 'the served text is one valid document');
  });

  it('a file that is not JSON, or not an NCCO Vonage would run (the NCCO schema\'s check): a sentence naming the file, the action and the field', async () => {
    await assert.rejects(nccoFromText('[{"action": "talk",', {}, 'ncco.json'), (e: Error) => e instanceof VonageInputError && /^ncco\.json is not valid JSON: /.test(e.message));
    const problem = async (text: string) => { try { await nccoFromText(text, {}, 'ncco.json'); return 'no problem'; } catch (e) { return (e as Error).message; } };
    assert.match(await problem('{"action": "talk"}'), /^ncco\.json is not an NCCO Vonage would run: An NCCO is a JSON array of actions/);
    assert.equal(await problem('[{"action":"talk","text":"hi"},{"action":"connect","endpoint":[{"type":"app"}]}]'), 'ncco.json is not an NCCO Vonage would run: Action 2 (connect): "endpoint[0]" needs "user".');
    assert.equal(await problem('[{"action":"talk","text":"hi {{from}}"}]'), 'no problem');
  });

  it('broken JSON is said with the line and column, in words, and never with the file\'s text (JSON.parse quotes it)', async () => {
    const problem = async (text: string) => { try { await nccoFromText(text, {}, 'ncco.json'); return 'no problem'; } catch (e) { return (e as Error).message; } };
    const cases: [string, string][] = [
      ['[{"action": "talk",\n  "text": secret-number-07700900123}]', 'ncco.json is not valid JSON: there is something JSON does not allow (names and texts go in double quotes; true, false and null in lower case) at line 2, column 11.'],
      ['[{"action": "talk", "text": "unfinished"', 'ncco.json is not valid JSON: a } is missing before line 1, column 41.'],
      ['[{"action": "talk" "text": "hi"}]', 'ncco.json is not valid JSON: a , is missing (or the } or ] that closes what is open) before line 1, column 20.'],
      ['[{"action": "talk", "text": "hi",}]', 'ncco.json is not valid JSON: a field name in double quotes is missing (or a , is one too many) before line 1, column 34.'],
      ['// my call\n[]', 'ncco.json is not valid JSON: there is a comment, which JSON does not allow at line 1, column 1.'],
      ['', 'ncco.json is not valid JSON: there is nothing in it.'],
    ];
    for (const [text, said] of cases) assert.equal(await problem(text), said, text);
    assert.doesNotMatch(await problem('{"a": secret-number-07700900123}'), /secret|0770/);
  });

  it('served from the file: the NCCO; no file or a broken one: a short talk NCCO saying so, with the reason beside it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ncco-'));
    try {
      const file = path.join(dir, 'ncco.json');
      const req = { method: 'GET', query: 'from_user=alice', body: '' };
      const none = await nccoFileAnswer(file, 'ncco.json', req);
      assert.equal(none.source, 'no-ncco-file');
      assert.equal(none.status, 200);
      assert.deepEqual(JSON.parse(none.body), [{ action: 'talk', text: 'This call reached Visual Studio Code, but there is no ncco dot json in the workspace to answer with yet.' }]);
      assert.equal(none.note, 'There is no ncco.json in the workspace to answer with.');
      fs.writeFileSync(file, '[{"action":"talk","text":"Hi {{from_user}}"}]');
      const ok = await nccoFileAnswer(file, 'ncco.json', req);
      assert.deepEqual([ok.source, ok.headers['content-type'], ok.body], ['ncco-file', 'application/json', '[{"action":"talk","text":"Hi alice"}]']);
      fs.writeFileSync(file, '[{"action":"talk"');
      const bad = await nccoFileAnswer(file, 'ncco.json', req);
      assert.equal(bad.source, 'bad-ncco-file');
      assert.match(bad.note ?? '', /^ncco\.json is not valid JSON/);
      assert.equal(JSON.parse(bad.body)[0].action, 'talk');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
