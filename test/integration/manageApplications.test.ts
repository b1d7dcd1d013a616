// Edit Application in both forms (argument objects, queued prompt answers), each refusal, the failures
// (404 deleted elsewhere, 5xx not applied with Try Again filled in, a lost answer read back), capabilities
// in the tree, and Edit as JSON: schema squiggles, save, a 400 on the right lines, changed elsewhere.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Application } from '../../src/vonage';
import { VOICE_REGIONS } from '../../src/vonage/capabilities';
import { AnsweringUi } from './support/answeringUi';
import {
  BACK, type Env, QueuedUi, applicationNode, applicationsApiElsewhere, deleteElsewhere, eventually, labelOf, run, runFails, setConfig, startEnv, stopEnv, usedSecrets,
} from './support/harness';

/** A pick answer that takes the first item, as Enter does. */
const FIRST = <T>(items: { value: T }[]): T => items[0].value;

describe('manage applications: Edit Application and Edit as JSON', () => {
  let env: Env;
  let appId: string;
  const stored = () => env.sandbox.storedApplication(appId)!.application;
  const puts = () => env.sandbox.requests.filter((r) => r.method === 'PUT').length;

  before(async () => { env = await startEnv(); });
  after(async () => { await setConfig('vonage.requestTimeoutSeconds', undefined); await stopEnv(env); });
  beforeEach(async () => {
    env.api.setUi(undefined);
    env.sandbox.clearFaults();
    appId = (await run<{ id: string }>('vonage.createApplication', { name: `Managed ${Date.now()}`, rtcEventUrl: 'https://old.example/rtc' })).id;
  });

  describe('the argument form', () => {
    it('sets the RTC event URL and keeps everything else as Vonage had it (one GET, one PUT)', async () => {
      const before = stored();
      const publicKey = env.sandbox.storedApplication(appId)!.publicKey;
      const requests = env.sandbox.requests.length;
      const updated = await run<Application>('vonage.editApplication', { applicationId: appId, rtc: { eventUrl: 'https://new.example/rtc', signedCallbacks: true } });
      assert.strictEqual(updated.capabilities?.rtc?.webhooks?.event_url?.address, 'https://new.example/rtc');
      assert.deepStrictEqual(env.sandbox.requests.slice(requests).map((r) => r.method), ['GET', 'PUT']);
      const after = stored();
      assert.deepStrictEqual(after.capabilities?.rtc, { webhooks: { event_url: { address: 'https://new.example/rtc', http_method: 'POST' } }, signed_callbacks: true });
      assert.strictEqual(after.name, before.name);
      assert.deepStrictEqual(after.privacy, before.privacy);
      assert.strictEqual(env.sandbox.storedApplication(appId)!.publicKey, publicKey, 'the public key went back as it was');
    });

    it('adds voice (every field) and messages, removes rtc, renames — what `apps update` and `apps capabilities update` do', async () => {
      const updated = await run<Application>('vonage.editApplication', {
        applicationId: appId, name: 'Renamed Managed', rtc: null,
        voice: { answerUrl: 'https://e.example/answer', answerMethod: 'POST', fallbackAnswerUrl: 'https://e.example/fallback', eventUrl: 'https://e.example/event', eventMethod: 'GET', region: 'apac-australia', signedCallbacks: true, conversationsTtl: 24 },
        messages: { inboundUrl: 'https://e.example/in', statusUrl: 'https://e.example/status', version: 'v0.1' },
      });
      assert.strictEqual(updated.name, 'Renamed Managed');
      assert.deepStrictEqual(stored().capabilities, {
        voice: {
          webhooks: {
            answer_url: { address: 'https://e.example/answer', http_method: 'POST' },
            fallback_answer_url: { address: 'https://e.example/fallback', http_method: 'GET' },
            event_url: { address: 'https://e.example/event', http_method: 'GET' },
          },
          region: 'apac-australia', signed_callbacks: true, conversations_ttl: 24,
        },
        messages: { webhooks: { inbound_url: { address: 'https://e.example/in', http_method: 'POST' }, status_url: { address: 'https://e.example/status', http_method: 'POST' } }, version: 'v0.1' },
      });
      const node = await applicationNode(env.api, appId);
      assert.strictEqual(labelOf(node), 'Renamed Managed');
      assert.strictEqual(node.description, `voice · messages — ${appId.slice(0, 8)}`);
      const children = await env.api.tree.getChildren(node as never);
      assert.deepStrictEqual(children.filter((c) => c.contextValue === 'vonage.capability').map(labelOf), ['Voice', 'Messages']);
      const voice = children.find((c) => labelOf(c) === 'Voice')!;
      assert.strictEqual(voice.description, 'POST https://e.example/answer');
      assert.strictEqual(voice.command?.command, 'vonage.editApplication');
      const tip = (voice.tooltip as vscode.MarkdownString).value;
      assert.ok(tip.includes('region: apac-australia') && tip.includes('https://e.example/fallback'), tip);
    });

    const refusals: [string, Record<string, unknown>, RegExp][] = [
      ['a URL without scheme', { rtc: { eventUrl: 'new.example/rtc' } }, /^The RTC event URL "new\.example\/rtc" is not a URL\. Enter a full address such as https:\/\/example\.com\/webhooks\/rtc\/event\.$/],
      ['an unknown method', { rtc: { eventMethod: 'DELETE' } }, /^The RTC event method must be GET or POST, not "DELETE"\.$/],
      ['a region not in the API\'s list', { voice: { answerUrl: 'https://e.example/a', eventUrl: 'https://e.example/e', region: 'us-east-1' } }, /^The voice region "us-east-1" is not one Vonage accepts\. Use one of na-east, na-west, eu-west, eu-east, apac-sng, apac-australia\.$/],
      ['a messages version not v0.1/v1', { messages: { inboundUrl: 'https://e.example/i', statusUrl: 'https://e.example/s', version: '1.0' } }, /^The messages version "1\.0" is not one Vonage accepts\. Use one of v1, v0\.1\.$/],
      ['a TTL out of range', { voice: { answerUrl: 'https://e.example/a', eventUrl: 'https://e.example/e', conversationsTtl: -1 } }, /^The voice conversationsTtl must be a whole number of hours from 0 to 744 \(31 days\), not -1\.$/],
      ['voice added without its event URL', { voice: { answerUrl: 'https://e.example/a' } }, /^A new voice capability needs its voice event URL too\. Give one, e\.g\. https:\/\/example\.com\/webhooks\/event\.$/],
      ['nothing to change', {}, /^Say what to change: rtc, voice or messages \(an object of fields, or null to remove it\), or name\.$/],
    ];
    for (const [what, change, message] of refusals) {
      it(`refuses ${what}, with no PUT`, async () => {
        const before = puts();
        await runFails('vonage.editApplication', { applicationId: appId, ...change }, message);
        assert.strictEqual(puts(), before);
      });
    }

    it('an application deleted elsewhere: 404 said in one sentence, and it leaves the view', async () => {
      await applicationNode(env.api, appId);
      assert.strictEqual(await deleteElsewhere(env.sandbox, `/v2/applications/${appId}`), 204);
      await runFails('vonage.editApplication', { applicationId: appId, rtc: { eventUrl: 'https://x.example/rtc' } },
        /^Application "Managed \d+" no longer exists at Vonage \(404\): it was deleted elsewhere, so it was removed from the view\.$/, 'notFound');
      assert.ok(!env.api.tree.findApplication(appId));
    });

    it('a 503 on the PUT: read back, not applied, said so; nothing repeated', async () => {
      env.sandbox.failNext(1, { status: 503 }, { method: 'PUT' });
      const requests = env.sandbox.requests.length;
      await runFails('vonage.editApplication', { applicationId: appId, rtc: { eventUrl: 'https://x.example/rtc' } },
        /^Vonage did not confirm the change to application "Managed \d+" \(answer 503\); reading the application back shows it was not made, so trying again is safe\.$/, 'server');
      assert.deepStrictEqual(env.sandbox.requests.slice(requests).map((r) => `${r.method} ${r.status}`), ['GET 200', 'PUT 503', 'GET 200']);
      assert.strictEqual(stored().capabilities?.rtc?.webhooks?.event_url?.address, 'https://old.example/rtc');
    });

    it('a 409: said in one sentence with the fitting action (refresh, try again); nothing changed', async () => {
      env.sandbox.failNext(1, { status: 409 }, { method: 'PUT' });
      await runFails('vonage.editApplication', { applicationId: appId, rtc: { eventUrl: 'https://x.example/rtc' } },
        /^Vonage refused to change "Managed \d+" because of a conflict \(409\): Another request changed this resource at the same time \(injected by the sandbox\)\. Refresh the view and try again\.$/, 'conflict');
      assert.strictEqual(stored().capabilities?.rtc?.webhooks?.event_url?.address, 'https://old.example/rtc');
    });

    it('the PUT made but its answer lost (reset): read back, the change is there, success without a second PUT', async () => {
      env.sandbox.failNext(1, { kind: 'resetAfter' }, { method: 'PUT' });
      const updated = await run<Application>('vonage.editApplication', { applicationId: appId, rtc: { eventUrl: 'https://lost.example/rtc' } });
      assert.strictEqual(updated.capabilities?.rtc?.webhooks?.event_url?.address, 'https://lost.example/rtc');
      assert.deepStrictEqual(env.sandbox.requests.filter((r) => r.method === 'PUT').slice(-1).map((r) => r.status), [0], 'one PUT, its answer lost');
      assert.match(env.api.logText(), /Updated application/);
    });

    it('a 503 on a PUT that only removes the fallback URL, nothing changed at Vonage: read back, said not made (not reported as done)', async () => {
      await run('vonage.editApplication', { applicationId: appId, voice: { answerUrl: 'https://e.example/a', fallbackAnswerUrl: 'https://e.example/fallback', eventUrl: 'https://e.example/e' } });
      env.sandbox.failNext(1, { status: 503 }, { method: 'PUT' });
      await runFails('vonage.editApplication', { applicationId: appId, voice: { fallbackAnswerUrl: '' } },
        /^Vonage did not confirm the change to application "Managed \d+" \(answer 503\); reading the application back shows it was not made, so trying again is safe\.$/, 'server');
      assert.strictEqual((stored().capabilities?.voice?.webhooks?.fallback_answer_url as { address?: string } | undefined)?.address, 'https://e.example/fallback', 'still there');
    });

    it('a method with its URL works in either key order, on an application without an RTC event URL', async () => {
      const bare = (await run<{ id: string }>('vonage.createApplication', { name: `Bare ${Date.now()}` })).id;
      const updated = await run<Application>('vonage.editApplication', { applicationId: bare, rtc: { eventMethod: 'GET', eventUrl: 'https://order.example/rtc' } });
      assert.deepStrictEqual(updated.capabilities?.rtc?.webhooks?.event_url, { address: 'https://order.example/rtc', http_method: 'GET' });
    });

    it('voice made with only an answer URL (as Create Application allows) can be changed by script: its region set', async () => {
      const answerOnly = (await run<{ id: string }>('vonage.createApplication', { name: `Answer Only ${Date.now()}`, voiceAnswerUrl: 'https://e.example/answer' })).id;
      const updated = await run<Application>('vonage.editApplication', { applicationId: answerOnly, voice: { region: 'eu-west' } });
      assert.deepStrictEqual(updated.capabilities?.voice, { webhooks: { answer_url: { address: 'https://e.example/answer', http_method: 'GET' } }, region: 'eu-west' });
    });

    it('null clears the conversations TTL and the region: Vonage\'s defaults apply again', async () => {
      await run('vonage.editApplication', { applicationId: appId, voice: { answerUrl: 'https://e.example/a', eventUrl: 'https://e.example/e', region: 'eu-east', conversationsTtl: 48 } });
      await run('vonage.editApplication', { applicationId: appId, voice: { conversationsTtl: null, region: null } });
      assert.deepStrictEqual(stored().capabilities?.voice, {
        webhooks: { answer_url: { address: 'https://e.example/a', http_method: 'GET' }, event_url: { address: 'https://e.example/e', http_method: 'POST' } },
      });
    });
  });

  describe('the prompts', () => {
    it('from the pencil on an application: pick Voice (add), one prompt per field, current values shown; Back works', async () => {
      const ui = new QueuedUi([
        'Voice',
        'https://p.example/answer', 'GET', '', BACK, '', // Back from the event URL to the fallback URL, answered again
        'https://p.example/event', 'POST', 'eu-east', 'On', '48',
      ]);
      env.api.setUi(ui);
      const node = await applicationNode(env.api, appId);
      await vscode.commands.executeCommand('vonage.editApplication', node);
      assert.strictEqual(ui.pending, 0);
      assert.deepStrictEqual(ui.asked.map((a) => a.text), [
        'Which capability of "' + labelOf(node) + '"?',
        'Voice answer URL: returns the NCCO for a call',
        'HTTP method of the voice answer URL',
        'Voice fallback answer URL: used when the answer URL fails (empty: none)',
        'Voice event URL: call status events',
        'Voice fallback answer URL: used when the answer URL fails (empty: none)',
        'Voice event URL: call status events',
        'HTTP method of the voice event URL',
        'Voice region: where inbound and SIP calls are handled',
        'Signed callbacks: Vonage signs its voice webhook requests with a JWT',
        'Conversations TTL in hours, 0 to 744: how long named conversations stay active (empty: Vonage\'s default)',
      ]);
      // The first question cannot count the steps yet (they depend on the capability picked); the rest do, Back included.
      assert.deepStrictEqual(ui.asked.slice(1).map((a) => `${a.step}/${a.totalSteps}`), ['2/9', '3/9', '4/9', '5/9', '4/9', '5/9', '6/9', '7/9', '8/9', '9/9']);
      assert.deepStrictEqual(stored().capabilities?.voice, {
        webhooks: { answer_url: { address: 'https://p.example/answer', http_method: 'GET' }, event_url: { address: 'https://p.example/event', http_method: 'POST' } },
        region: 'eu-east', signed_callbacks: true, conversations_ttl: 48,
      });
      assert.strictEqual(stored().capabilities?.rtc?.webhooks?.event_url?.address, 'https://old.example/rtc', 'RTC untouched');
    });

    it('from the RTC node: the prompts start at Vonage\'s current values; only the changed URL is sent', async () => {
      const ui = new AnsweringUi(['Change', 'https://changed.example/rtc', 'POST', 'Off'], () => undefined);
      env.api.setUi(ui);
      const rtc = (await env.api.tree.getChildren(await applicationNode(env.api, appId) as never)).find((c) => labelOf(c) === 'RTC')!;
      await vscode.commands.executeCommand(rtc.command!.command, ...(rtc.command!.arguments as unknown[]));
      assert.deepStrictEqual(ui.prefilled, ['https://old.example/rtc']);
      // Off where signed callbacks were never set is no change: signed_callbacks is not sent.
      assert.deepStrictEqual(stored().capabilities?.rtc, { webhooks: { event_url: { address: 'https://changed.example/rtc', http_method: 'POST' } } });
    });

    it('Enter through the RTC prompts changes only what was typed: no current signed callbacks offers Off (Vonage\'s default) first', async () => {
      const ui = new QueuedUi(['Change', 'https://enter.example/rtc', FIRST, FIRST]);
      env.api.setUi(ui);
      await vscode.commands.executeCommand('vonage.editApplication', { applicationId: appId, rtc: {}, interactive: true });
      assert.strictEqual(ui.pending, 0);
      assert.deepStrictEqual(ui.asked.filter((a) => a.type === 'pick').map((a) => a.items), [
        ['$(edit) Change the RTC settings', '$(trash) Remove the RTC capability'], ['POST', 'GET'], ['Off', 'On'],
      ]);
      assert.deepStrictEqual(stored().capabilities?.rtc, { webhooks: { event_url: { address: 'https://enter.example/rtc', http_method: 'POST' } } });
    });

    it('adding voice: each method pick starts at the API\'s default (answer GET, event POST); Enter through adds no region, signing or TTL', async () => {
      const ui = new QueuedUi(['Voice', 'https://add.example/answer', FIRST, '', 'https://add.example/event', FIRST, FIRST, FIRST, '']);
      env.api.setUi(ui);
      await vscode.commands.executeCommand('vonage.editApplication', await applicationNode(env.api, appId));
      assert.strictEqual(ui.pending, 0);
      const picks = ui.asked.filter((a) => a.type === 'pick').slice(1).map((a) => a.items);
      assert.deepStrictEqual(picks, [['GET', 'POST'], ['POST', 'GET'], ['No region', ...VOICE_REGIONS], ['Off', 'On']]);
      assert.deepStrictEqual(stored().capabilities?.voice, {
        webhooks: { answer_url: { address: 'https://add.example/answer', http_method: 'GET' }, event_url: { address: 'https://add.example/event', http_method: 'POST' } },
      });
    });

    it('the TTL prompt: empty clears a TTL that was set (Vonage\'s default applies again)', async () => {
      await run('vonage.editApplication', { applicationId: appId, voice: { answerUrl: 'https://e.example/a', eventUrl: 'https://e.example/e', conversationsTtl: 48 } });
      const ui = new AnsweringUi(['Change', 'https://e.example/a', FIRST, '', 'https://e.example/e', FIRST, FIRST, FIRST, ''], () => undefined);
      env.api.setUi(ui);
      await vscode.commands.executeCommand('vonage.editApplication', { applicationId: appId, voice: {}, interactive: true });
      assert.strictEqual(ui.pending, 0);
      assert.strictEqual(ui.prefilled[ui.prefilled.length - 1], '48', 'the TTL prompt showed the current value');
      assert.strictEqual(stored().capabilities?.voice?.conversations_ttl, undefined);
      assert.strictEqual(stored().capabilities?.voice?.webhooks?.answer_url?.address, 'https://e.example/a', 'the rest kept');
    });

    it('a bad URL is refused while typing; Remove deletes the capability', async () => {
      const ui = new QueuedUi(['Change', 'ftp://bad.example', 'https://ok.example/rtc', 'POST', 'Off']);
      env.api.setUi(ui);
      await vscode.commands.executeCommand('vonage.editApplication', { applicationId: appId, rtc: {}, interactive: true });
      assert.strictEqual(ui.asked[1].validation, 'The RTC event URL must start with https:// or http://, not ftp://.');
      env.api.setUi(new QueuedUi(['RTC', 'Remove']));
      await vscode.commands.executeCommand('vonage.editApplication', await applicationNode(env.api, appId));
      assert.strictEqual(stored().capabilities?.rtc, undefined);
    });

    it('a failure offers Try Again, which brings the prompts back filled in with what was typed', async () => {
      env.sandbox.failNext(1, { status: 500 }, { method: 'PUT' });
      let tried = false;
      const ui = new AnsweringUi(['RTC', 'Change', 'https://typed.example/rtc', 'GET', 'On', 'Change', 'https://typed.example/rtc', 'GET', 'On'],
        (level, _text, actions) => (level === 'error' && actions.includes('Try Again') && !tried ? ((tried = true), 'Try Again') : undefined));
      env.api.setUi(ui);
      await vscode.commands.executeCommand('vonage.editApplication', await applicationNode(env.api, appId));
      await eventually(() => ui.pending === 0 && stored().capabilities?.rtc?.webhooks?.event_url?.address === 'https://typed.example/rtc', 'the second try saved the typed URL');
      const error = ui.messages.find((m) => m.level === 'error')!;
      assert.match(error.text, /^Vonage did not confirm the change to application "Managed \d+" \(answer 500\); reading the application back shows it was not made, so trying again is safe\.$/);
      assert.deepStrictEqual(ui.prefilled, ['https://old.example/rtc', 'https://typed.example/rtc'], 'the retry starts from what was typed');
      assert.strictEqual(stored().capabilities?.rtc?.webhooks?.event_url?.http_method, 'GET');
    });
  });

  describe('Edit as JSON (a vonage: document)', () => {
    const open = async () => {
      const { uri } = await run<{ uri: string }>('vonage.openApplicationJson', { applicationId: appId });
      return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)!;
    };
    const replaceAll = async (doc: vscode.TextDocument, text: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    const withJson = (doc: vscode.TextDocument, change: (v: Record<string, any>) => void) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const value = JSON.parse(doc.getText()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      change(value);
      return `${JSON.stringify(value, null, 2)}\n`;
    };
    afterEach(async () => {
      env.api.setUi(undefined);
      // Dirty documents are reverted first: closing them would ask "Save changes?" in a dialog no test answers.
      for (const doc of vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'vonage')) {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand(doc.isDirty ? 'workbench.action.revertAndCloseActiveEditor' : 'workbench.action.closeActiveEditor');
      }
    });

    it('opens the application as JSON without keys; the schema squiggles a region Vonage does not know', async () => {
      const doc = await open();
      assert.strictEqual(doc.languageId, 'json');
      const value = JSON.parse(doc.getText()) as Record<string, unknown>;
      assert.strictEqual(value.id, appId);
      assert.ok(!('keys' in value) && !doc.getText().includes('PUBLIC KEY'), 'no keys in the document');
      await replaceAll(doc, withJson(doc, (v) => { v.capabilities.voice = { webhooks: { answer_url: { address: 'https://e.example/a', http_method: 'GET' }, event_url: { address: 'https://e.example/e', http_method: 'POST' } }, region: 'mars' }; }));
      await eventually(() => vscode.languages.getDiagnostics(doc.uri).some((d) => /mars|region|allowed|enum|Value is not accepted/i.test(d.message) && doc.getText(d.range).includes('mars')),
        `a schema diagnostic on "mars" (have ${JSON.stringify(vscode.languages.getDiagnostics(doc.uri).map((d) => d.message))})`, 20000);
      // a webhook address without scheme: the schema's pattern, with its own message
      await replaceAll(doc, withJson(doc, (v) => { v.capabilities.rtc.webhooks.event_url.address = 'nohttp.example/rtc'; }));
      await eventually(() => vscode.languages.getDiagnostics(doc.uri).some((d) => /^A webhook URL is a full address starting with https:\/\/ or http:\/\//.test(d.message) && doc.getText(d.range).includes('nohttp.example')),
        `a schema diagnostic on the address (have ${JSON.stringify(vscode.languages.getDiagnostics(doc.uri).map((d) => d.message))})`, 20000);
      // and completions: inside the region's value, the schema offers the regions Vonage accepts
      const at = doc.positionAt(doc.getText().indexOf('"mars"') + 1);
      const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
      const offered = completions.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label).replace(/"/g, ''));
      assert.ok(['na-east', 'eu-west', 'apac-australia'].every((r) => offered.includes(r)), `regions offered: ${offered.join(', ')}`);
    });

    it('save PUTs the document (keys kept as Vonage has them), and the tree follows', async () => {
      const doc = await open();
      const publicKey = env.sandbox.storedApplication(appId)!.publicKey;
      await replaceAll(doc, withJson(doc, (v) => { v.name = 'Saved From JSON'; v.capabilities.rtc.webhooks.event_url.address = 'https://json.example/rtc'; }));
      assert.ok(await doc.save(), 'saved');
      assert.strictEqual(stored().name, 'Saved From JSON');
      assert.strictEqual(stored().capabilities?.rtc?.webhooks?.event_url?.address, 'https://json.example/rtc');
      assert.strictEqual(env.sandbox.storedApplication(appId)!.publicKey, publicKey);
      assert.strictEqual(labelOf(await applicationNode(env.api, appId)), 'Saved From JSON');
      assert.ok(!doc.isDirty);
    });

    it('a 400: the API\'s invalid parameters on the right lines, the document stays dirty, nothing changes', async () => {
      const doc = await open();
      // leg_persistence_time is not one of the fields Edit Application checks: the API's answer is the check.
      await replaceAll(doc, withJson(doc, (v) => { v.capabilities.rtc.leg_persistence_time = 99; }));
      const before = stored();
      assert.strictEqual(await doc.save(), false, 'the save failed');
      assert.ok(doc.isDirty, 'still dirty: nothing typed is lost');
      const ours = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Vonage');
      assert.strictEqual(ours.length, 1);
      assert.strictEqual(ours[0].message, 'capabilities.rtc.leg_persistence_time: must be an integer between 1 and 31');
      assert.strictEqual(doc.getText(ours[0].range), '99');
      assert.strictEqual(doc.lineAt(ours[0].range.start.line).text.trim(), '"leg_persistence_time": 99');
      assert.deepStrictEqual(stored(), before);
      await replaceAll(doc, withJson(doc, (v) => { v.capabilities.rtc.leg_persistence_time = 7; }));
      assert.ok(await doc.save());
      assert.deepStrictEqual(vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Vonage'), [], 'cleared once saved');
    });

    it('webhooks and settings the prompts would refuse are refused before any request, each on its line; the document stays dirty', async () => {
      const doc = await open();
      const requests = env.sandbox.requests.length;
      await replaceAll(doc, withJson(doc, (v) => {
        v.capabilities.rtc.webhooks.event_url.address = 'mine.example/rtc';
        v.capabilities.voice = { webhooks: { answer_url: { address: 'https://e.example/a', http_method: 'PUT' }, event_url: { address: 'https://e.example/e', http_method: 'POST' } }, region: 'mars', conversations_ttl: 745 };
      }));
      assert.strictEqual(await doc.save(), false, 'the save failed');
      assert.ok(doc.isDirty, 'still dirty: nothing typed is lost');
      assert.strictEqual(env.sandbox.requests.length, requests, 'nothing sent, not even the GET');
      const ours = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Vonage');
      assert.deepStrictEqual(ours.map((d) => [doc.getText(d.range), d.message]), [
        ['"mine.example/rtc"', 'capabilities.rtc.webhooks.event_url.address: The RTC event URL "mine.example/rtc" is not a URL. Enter a full address such as https://example.com/webhooks/rtc/event.'],
        ['"PUT"', 'capabilities.voice.webhooks.answer_url.http_method: The method of the voice answer URL must be GET or POST, not "PUT".'],
        ['"mars"', 'capabilities.voice.region: The voice region "mars" is not one Vonage accepts. Use one of na-east, na-west, eu-west, eu-east, apac-sng, apac-australia.'],
        ['745', 'capabilities.voice.conversations_ttl: The voice conversationsTtl must be a whole number of hours from 0 to 744 (31 days), not 745.'],
      ]);
      assert.match(env.api.logText(), /not saved, 4 problems at capabilities\.rtc\.webhooks\.event_url\.address, capabilities\.voice\.webhooks\.answer_url\.http_method, capabilities\.voice\.region, capabilities\.voice\.conversations_ttl \(marked in the editor\)\./);
      assert.ok(!env.api.logText().includes('mine.example/rtc'), 'what was typed stays out of the log: a URL can carry a token');
    });

    it('a save that only removes a webhook, its answer lost and nothing changed at Vonage: not saved, said so, still dirty', async () => {
      const doc = await open();
      await replaceAll(doc, withJson(doc, (v) => { delete v.capabilities.rtc.webhooks.event_url; }));
      env.sandbox.failNext(1, { status: 503 }, { method: 'PUT' });
      assert.strictEqual(await doc.save(), false, 'not reported as saved');
      assert.ok(doc.isDirty);
      assert.strictEqual(stored().capabilities?.rtc?.webhooks?.event_url?.address, 'https://old.example/rtc', 'unchanged at Vonage');
      assert.match(env.api.logText(), /reading the application back shows it was not made, so trying again is safe/);
      assert.ok(await doc.save(), 'saving again works');
      assert.strictEqual(stored().capabilities?.rtc?.webhooks?.event_url, undefined);
    });

    it('saves with the account that opened it, after Switch Account; that account gone: one clear sentence, still dirty', async () => {
      const other = { apiKey: 'json-other-key', apiSecret: 'json-other-secret-4321' };
      env.sandbox.addAccount(other.apiKey, other.apiSecret);
      usedSecrets.add(other.apiSecret);
      const doc = await open(); // opened as the sandbox's main account
      assert.ok(!doc.uri.toString().includes(env.sandbox.apiSecret), 'the URI names the account by its key only');
      await run('vonage.setCredentials', { ...other, label: 'JSON Other' }); // now the other account is active
      try {
        await replaceAll(doc, withJson(doc, (v) => { v.capabilities.rtc.webhooks.event_url.address = 'https://first-account.example/rtc'; }));
        assert.ok(await doc.save(), 'saved to the application of the account that opened it');
        assert.strictEqual(stored().capabilities?.rtc?.webhooks?.event_url?.address, 'https://first-account.example/rtc');

        // A document opened by the other account, which is then signed out: the save says so, nothing is sent.
        const theirs = (await run<{ id: string }>('vonage.createApplication', { name: 'Other Account App', rtcEventUrl: 'https://o.example/rtc' })).id;
        const { uri } = await run<{ uri: string }>('vonage.openApplicationJson', { applicationId: theirs });
        const otherDoc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)!;
        await run('vonage.switchAccount', { apiKey: env.sandbox.apiKey });
        await env.api.credentials.deleteAccount(env.baseUrl, other.apiKey);
        await replaceAll(otherDoc, withJson(otherDoc, (v) => { v.name = 'Renamed By Nobody'; }));
        // Only requests about this application count: the view and the status bar may read the account list
        // in the background after the account change.
        const aboutTheirs = () => env.sandbox.requests.filter((r) => r.path.startsWith(`/v2/applications/${theirs}`)).length;
        const requests = aboutTheirs();
        assert.strictEqual(await otherDoc.save(), false);
        assert.ok(otherDoc.isDirty, 'nothing typed is lost');
        assert.strictEqual(aboutTheirs(), requests, 'nothing sent with the active account instead');
        assert.match(env.api.logText(), /The Vonage account with API key json-other-key is no longer stored for http:\/\/127\.0\.0\.1:\d+\. Add it again \(Vonage: Set API Key and Secret\), or open the application again with the active account\./);
        assert.strictEqual(env.sandbox.storedApplication(theirs)!.application.name, 'Other Account App');
      } finally {
        if ((await env.api.credentials.listAccounts(env.baseUrl)).some((a) => a.apiKey === other.apiKey)) await env.api.credentials.deleteAccount(env.baseUrl, other.apiKey);
        await run('vonage.switchAccount', { apiKey: env.sandbox.apiKey });
      }
    });

    it('changed at Vonage since it was opened: asks; Cancel saves nothing, Overwrite saves', async () => {
      const doc = await open();
      const elsewhere = await applicationsApiElsewhere(env.sandbox, 'PUT', `/v2/applications/${appId}`, { ...stored(), name: 'Changed Elsewhere' });
      assert.strictEqual(elsewhere.status, 200);
      await replaceAll(doc, withJson(doc, (v) => { v.capabilities.rtc.webhooks.event_url.address = 'https://mine.example/rtc'; }));
      let answer: string | undefined = 'Cancel'; // not Overwrite: the first save is declined
      const ui = new QueuedUi([], () => answer);
      env.api.setUi(ui);
      assert.strictEqual(await doc.save(), false);
      assert.strictEqual(ui.messages[0].text, '"Changed Elsewhere" was changed at Vonage since you opened it.');
      assert.deepStrictEqual(ui.messages[0].actions, ['Overwrite']);
      assert.strictEqual(stored().name, 'Changed Elsewhere');
      assert.ok(doc.isDirty);
      answer = 'Overwrite';
      assert.ok(await doc.save());
      assert.strictEqual(stored().capabilities?.rtc?.webhooks?.event_url?.address, 'https://mine.example/rtc');
      assert.notStrictEqual(stored().name, 'Changed Elsewhere', 'overwritten, as asked');
    });

    it('a document that is not JSON, or changes the id or adds keys, is refused before any request', async () => {
      const doc = await open();
      const before = env.sandbox.requests.length;
      await replaceAll(doc, withJson(doc, (v) => { v.id = 'another-id'; }));
      assert.strictEqual(await doc.save(), false);
      assert.deepStrictEqual(vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Vonage').map((d) => d.message), [`id: the id cannot change (it is ${appId}).`]);
      await replaceAll(doc, '{ "name": ');
      assert.strictEqual(await doc.save(), false);
      assert.strictEqual(env.sandbox.requests.length, before);
    });
  });
});
