// The NCCO check: the schema file the editor uses (media/schemas/ncco.schema.json) is the one the core checks
// against; every action and endpoint of the reference passes, and each kind of mistake is one sentence naming
// the action (1-based, as a person counts) and the field, with nothing of the NCCO's text in it.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as path from 'path';
import schema from '../../../media/schemas/ncco.schema.json';
import { NCCO_ACTIONS, NccoError, STARTER_NCCO, checkedNcco, nccoAppUsers, talkNcco } from '../../../src/vonage/ncco';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** Every action and endpoint the reference lists, with most of their fields. */
const EVERYTHING: unknown[] = [
  { action: 'talk', text: '<speak>Hello</speak>', bargeIn: true, loop: 0, level: -0.5, language: 'en-GB', style: 2, premium: true },
  { action: 'input', type: ['dtmf', 'speech'], dtmf: { timeOut: 5, maxDigits: 4, submitOnHash: true }, speech: { uuid: ['aaaa'], endOnSilence: 0.4, language: 'es-ES', context: ['sales'], startTimeout: 60, maxDuration: 30, saveAudio: true, sensitivity: 10 }, mode: 'synchronous', eventUrl: ['https://example.com/input'], eventMethod: 'GET' },
  { action: 'stream', streamUrl: ['https://example.com/a.mp3'], level: 1, bargeIn: false, loop: 2 },
  { action: 'record', format: 'wav', split: 'conversation', channels: 32, endOnSilence: 3, endOnKey: '#', timeOut: 7200, beepStart: true, eventUrl: ['http://127.0.0.1:3000/rec'], eventMethod: 'POST', transcription: { language: 'en-US', sentimentAnalysis: true } },
  { action: 'conversation', name: 'room', musicOnHoldUrl: ['https://example.com/hold.mp3'], startOnEnter: false, endOnExit: true, record: true, canHear: ['leg-1'], canSpeak: [], eventUrl: ['https://example.com/e'], transcription: {} },
  { action: 'connect', from: '447700900000', timeout: 30, limit: 600, machineDetection: 'continue', eventType: 'synchronous', ringbackTone: 'https://example.com/ring.wav', endpoint: [{ type: 'phone', number: '447700900001', dtmfAnswer: 'p*123#', onAnswer: { url: 'https://example.com/whisper', ringbackTone: 'https://example.com/r.wav' } }] },
  { action: 'connect', randomFromNumber: true, advancedMachineDetection: { behavior: 'hangup', mode: 'detect_beep', beep_timeout: 45 }, endpoint: [{ type: 'app', user: 'alice' }] },
  { action: 'connect', endpoint: [{ type: 'websocket', uri: 'wss://example.com/socket', 'content-type': 'audio/l16;rate=24000', headers: { 'customer-id': 'x' }, authorization: { type: 'custom', value: 'Bearer abc' } }] },
  { action: 'connect', endpoint: [{ type: 'sip', uri: 'sip:rebekka@sip.example.com', headers: { location: 'NYC' }, standardHeaders: { 'User-to-User': '342342ef34;encoding=hex' } }] },
  { action: 'connect', endpoint: [{ type: 'sip', domain: 'my-trunk', user: 'rebekka' }] },
  { action: 'connect', endpoint: [{ type: 'sip', domain: 'my-trunk' }] }, // the schema needs uri or domain; user is optional
  { action: 'connect', endpoint: [{ type: 'vbc', extension: '1234' }] },
  { action: 'notify', payload: { step: 'greeted' }, eventUrl: ['https://example.com/notify'], eventMethod: 'POST' },
  { action: 'wait', timeout: 0.5 },
  { action: 'transfer', conversationId: 'CON-1', canHear: ['leg-1'], mute: true },
];

function failure(value: unknown): NccoError {
  try {
    checkedNcco(value);
  } catch (e) {
    assert.ok(e instanceof NccoError, `an NccoError, got ${String(e)}`);
    return e;
  }
  assert.fail('the NCCO was accepted');
}

describe('core: NCCO check (checkedNcco, against media/schemas/ncco.schema.json)', () => {
  it('every action and endpoint of the reference passes, and comes back as it was', () => {
    assert.deepEqual(checkedNcco(EVERYTHING), EVERYTHING);
    assert.deepEqual(new Set(EVERYTHING.map((a) => (a as { action: string }).action)), new Set(NCCO_ACTIONS));
  });

  it('the schema lists the same actions and endpoints as the core, and says where it comes from', () => {
    const defs = schema.definitions;
    assert.deepEqual(defs.action.properties.action.enum, [...NCCO_ACTIONS]);
    assert.deepEqual(defs.endpoint.properties.type.enum, ['phone', 'app', 'websocket', 'sip', 'vbc']);
    assert.match(schema.$comment, /no official standalone NCCO schema/);
    assert.match(schema.$comment, /developer\.vonage\.com\/en\/voice\/voice-api\/ncco-reference\), read on \d{4}-\d\d-\d\d/);
  });

  const refused: [string, unknown, string, number | undefined, string | undefined][] = [
    ['an object, not an array', { action: 'talk', text: 'hi' }, 'An NCCO is a JSON array of actions, such as [{"action": "talk", "text": "Hello"}]. Put the action in [ ], even when there is one.', undefined, undefined],
    ['text', '[{"action": "talk"}]', 'An NCCO is a JSON array of actions, such as [{"action": "talk", "text": "Hello"}].', undefined, undefined],
    ['no action at all', [], 'An NCCO needs at least one action, such as {"action": "talk", "text": "Hello"}.', undefined, undefined],
    ['an unknown action', [{ action: 'talk', text: 'a' }, { action: 'tlak', text: 'b' }], 'Action 2: "tlak" is not an NCCO action; the actions are talk, stream, input, record, conversation, connect, notify, wait, transfer.', 1, 'action'],
    ['no "action"', [{ text: 'x' }], 'Action 1 has no "action": say what it does, such as "talk" or "connect".', 0, undefined],
    ['not an object', [5], 'Action 1 is not an object: each action is {"action": …}, not 5.', 0, undefined],
    ['a missing field', [{ action: 'talk' }], 'Action 1 (talk) needs "text".', 0, undefined],
    ['a number out of range', [{ action: 'talk', text: 'x', level: 3 }], 'Action 1 (talk): "level" must be from -1 to 1, not 3.', 0, 'level'],
    ['a field the action does not have', [{ action: 'talk', text: 'x', eventUrl: ['https://a'] }], 'Action 1 (talk): "eventUrl" is not a field of talk (check the spelling against Vonage\'s NCCO reference).', 0, undefined],
    ['a string where an array goes', [{ action: 'record', eventUrl: 'https://example.com/rec' }], 'Action 1 (record): "eventUrl" must be an array: put the value in [ ] (a list of one is still a list).', 0, 'eventUrl'],
    ['a URL that is not http(s)', [{ action: 'record', eventUrl: ['ftp://example.com/rec'] }], 'Action 1 (record): "eventUrl[0]" must be an http(s) URL, such as https://example.com/webhooks/event.', 0, 'eventUrl[0]'],
    ['an endpoint without its field', [{ action: 'connect', endpoint: [{ type: 'phone' }] }], 'Action 1 (connect): "endpoint[0]" needs "number".', 0, 'endpoint[0]'],
    ['a phone number that is not E.164', [{ action: 'connect', endpoint: [{ type: 'phone', number: '07700 900000' }] }], 'Action 1 (connect): "endpoint[0].number" must be a phone number in E.164 form: the country code and number, digits only, such as 447700900000.', 0, 'endpoint[0].number'],
    ['an unknown endpoint', [{ action: 'connect', endpoint: [{ type: 'fax' }] }], 'Action 1 (connect): "endpoint[0].type" must be one of phone, app, websocket, sip, vbc, not "fax".', 0, 'endpoint[0].type'],
    ['two endpoints', [{ action: 'connect', endpoint: [{ type: 'app', user: 'a' }, { type: 'app', user: 'b' }] }], 'Action 1 (connect): "endpoint" must hold exactly one item, in [ ].', 0, 'endpoint'],
    ['a SIP endpoint with neither uri nor domain', [{ action: 'connect', endpoint: [{ type: 'sip', user: 'x' }] }], 'Action 1 (connect): "endpoint[0]" needs "uri" (a SIP URI, such as sip:rebekka@sip.example.com) or "domain" (a SIP trunk domain made in the dashboard).', 0, 'endpoint[0]'],
    ['a nested setting out of range', [{ action: 'input', type: ['dtmf'], dtmf: { maxDigits: 30 } }], 'Action 1 (input): "dtmf.maxDigits" must be from 1 to 20, not 30.', 0, 'dtmf.maxDigits'],
    ['a method that is neither GET nor POST', [{ action: 'conversation', name: 'r', eventMethod: 'PUT' }], 'Action 1 (conversation): "eventMethod" must be one of POST, GET, not "PUT".', 0, 'eventMethod'],
    ['the same input type twice', [{ action: 'input', type: ['dtmf', 'dtmf'] }], 'Action 1 (input): "type" lists the same value twice.', 0, 'type'],
    ['an empty name', [{ action: 'conversation', name: '' }], 'Action 1 (conversation): "name" must not be empty.', 0, 'name'],
  ];
  for (const [what, value, message, index, field] of refused) {
    it(`refuses ${what}, naming the action and the field`, () => {
      const e = failure(value);
      assert.equal(e.message, message);
      assert.equal(e.actionIndex, index);
      assert.equal(e.fieldPath, field);
      assert.equal(e.field, 'ncco');
    });
  }

  it('the first action with a problem is the one named, whatever the order of the errors', () => {
    const e = failure([{ action: 'talk', text: 'fine' }, { action: 'wait', timeout: 0 }, { action: 'talk' }]);
    assert.equal(e.message, 'Action 2 (wait): "timeout" must be from 0.1 to 7200, not 0.');
  });

  it('never puts the NCCO\'s text into the message: words, URLs, numbers typed as text', () => {
    const secret = 'wss://example.com/socket?token=s3cr3t';
    for (const value of [
      [{ action: 'connect', endpoint: [{ type: 'websocket', uri: secret, 'content-type': 'audio/wav' }] }],
      [{ action: 'record', eventUrl: [secret.replace('wss', 'ftp')] }],
      [{ action: 'talk', text: 'private words', level: 'loud and private' }],
      [{ action: 'connect', endpoint: [{ type: 'phone', number: 'call me at 555' }] }],
    ]) {
      const e = failure(value);
      assert.doesNotMatch(e.message, /s3cr3t|private|555|audio\/wav/, e.message);
    }
  });

  it('a deprecated field (talk voiceName) still passes: the editor strikes it through, Vonage still reads it', () => {
    assert.equal(checkedNcco([{ action: 'talk', text: 'x', voiceName: 'Kimberly' }]).length, 1);
  });

  it('the schema\'s snippets, filled with their defaults, are valid NCCOs; so are the starter file and the talk NCCO', () => {
    const fill = (body: unknown): unknown => JSON.parse(JSON.stringify(body).replace(/\$\{\d+:([^}]*)\}/g, '$1'));
    for (const snippet of schema.defaultSnippets) assert.doesNotThrow(() => checkedNcco(fill(snippet.body)), snippet.label);
    for (const snippet of schema.definitions.action.defaultSnippets) assert.doesNotThrow(() => checkedNcco([fill(snippet.body)]), snippet.label);
    for (const snippet of schema.definitions.endpoint.defaultSnippets) assert.doesNotThrow(() => checkedNcco([{ action: 'connect', endpoint: [fill(snippet.body)] }]), snippet.label);
    assert.doesNotThrow(() => checkedNcco(STARTER_NCCO));
    assert.deepEqual(checkedNcco(talkNcco('alice is calling you from VS Code.')), [{ action: 'talk', text: 'alice is calling you from VS Code.' }]);
  });

  it('nccoAppUsers: the app users the connect actions ring, with where they are; anything malformed is skipped', () => {
    assert.deepEqual(nccoAppUsers([
      { action: 'talk', text: 'x' },
      { action: 'connect', endpoint: [{ type: 'app', user: 'alice' }] },
      { action: 'connect', endpoint: [{ type: 'phone', number: '447700900000' }] },
      { action: 'connect', endpoint: [{ type: 'app', user: '' }, { type: 'app' }, 'x', { type: 'app', user: 'bob' }] },
      { action: 'connect', endpoint: { type: 'app', user: 'carol' } },
      null,
    ]), [{ user: 'alice', actionIndex: 1, endpointIndex: 0 }, { user: 'bob', actionIndex: 3, endpointIndex: 3 }]);
  });

  it('the validator (ajv) loads on the first check, not with the module', () => {
    const script = `
      const ncco = require('./src/vonage/ncco');
      const loaded = () => Object.keys(require.cache).some((k) => k.includes('/node_modules/ajv/'));
      const before = loaded();
      ncco.checkedNcco([{ action: 'talk', text: 'x' }]);
      process.stdout.write(JSON.stringify([before, loaded()]));`;
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), [false, true]);
  });
});
