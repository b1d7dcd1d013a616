// UI tier: a person makes their app ring, in a real VS Code workbench (code-server in headless Chromium) against the
// sandbox: Call a User from the application's Calls, the call in the tree following the far end (ringing, answered:
// its own icon, Hang Up inline), a click opening its conversation's events; then an NCCO file: New NCCO File, the
// CodeLens, the schema's squiggle and the warning on a user the application does not have, and the lens placing the
// call with the file. With UPDATE_SCREENSHOTS=1 it retakes the README's screenshots (docs/images/calls.png, ncco.png).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readmeShot, uiSuite } from './workbench';

const APP_NAME = 'UI Calls App';
const say = (line: string) => console.log(`      ${line}`);

/** An NCCO with a mistake the schema squiggles (a ring timeout under 3 s) and a user the application does not have. */
const NCCO_WITH_PROBLEMS = `[
  {
    "action": "talk",
    "text": "Connecting you to support.",
    "language": "en-GB"
  },
  {
    "action": "connect",
    "timeout": 2,
    "endpoint": [{ "type": "app", "user": "bob" }]
  }
]
`;

describe('UI: make your app ring, and an NCCO file', function () {
  const ui = uiSuite('vonage-ui-calls-', { 'git.enabled': false, 'editor.minimap.enabled': false });
  const app = () => ui.wb.sandbox.applications()[0];
  const calls = () => ui.wb.sandbox.voice.calls(app().id) as { uuid: string; status: string }[];
  const nccoFile = () => path.join(ui.wb.dirs.workspace, 'ncco.json');

  it('signs in, creates an application with voice and a user; the user\'s app logs in', async function () {
    const { me, wb } = ui;
    await me.openVonageView();
    await me.signIn(wb.sandbox.apiKey, wb.sandbox.apiSecret);
    await me.palette('Vonage: Create Application');
    await me.answer('Application name', APP_NAME);
    await me.answer('RTC event URL', '');
    await me.choose('Add the voice capability?', /^Add voice/);
    await me.answer('Voice answer URL', 'https://example.com/webhooks/answer');
    await me.answer('Voice event URL', 'https://example.com/webhooks/event');
    await me.notification(`Application "${APP_NAME}" created`);
    await me.createUserFromTree(APP_NAME, 'alice', 'Alice');
    const alice = wb.sandbox.appUsers(app().id)?.find((u) => u.name === 'alice');
    assert.ok(alice, 'alice exists');
    wb.sandbox.conversations.openSession(app().id, alice.id); // the Client SDK app logs in as alice
  });

  it('Call a User on Calls: the call shows under the application, follows the far end to answered, and is hung up inline', async function () {
    const { me, wb } = ui;
    await me.clearNotifications();
    await me.expand(me.treeRow('Calls'));
    await me.treeRow('No calls yet — call a user').waitFor({ timeout: 30_000 });
    for (const talkTo of ['the end', 'answered']) {
      await me.clearNotifications();
      await me.inlineAction(me.treeRow('Calls'), 'Call a User');
      await me.choose('Pick a user', 'alice');
      await me.notification(`Calling alice (app) from "${APP_NAME}": started.`);
      const placed = calls()[calls().length - 1];
      wb.sandbox.voice.advance(1000); // alice's app rings
      await me.sidebar.locator('.monaco-list-row').filter({ hasText: /ringing · outbound/ }).first().waitFor({ timeout: 60_000 }); // followed, no Refresh
      wb.sandbox.voice.answer(placed.uuid);
      if (talkTo === 'the end') wb.sandbox.voice.advance(10_000); // the call's talk is spoken: it completes
    }
    assert.deepStrictEqual(calls().map((c) => c.status), ['completed', 'answered']);
    await me.sidebar.locator('.monaco-list-row').filter({ hasText: /answered · outbound/ }).first().waitFor({ timeout: 60_000 });
    await me.sidebar.locator('.monaco-list-row').filter({ hasText: /completed · outbound/ }).first().waitFor({ timeout: 60_000 });
  });

  it('a click on the live call opens its conversation\'s events; the picture: the call in the tree, Hang Up on its row', async function () {
    const { me } = ui;
    const live = me.sidebar.locator('.monaco-list-row').filter({ hasText: /answered · outbound/ }).first();
    await live.click();
    await me.waitForEditorText(/member:joined/);
    await me.clearNotifications();
    await me.widenSidebar(560);
    await live.hover();
    await live.locator('.actions .action-label[aria-label="Hang Up Call"], .actions .action-label[title="Hang Up Call"]').first().waitFor({ timeout: 10_000 });
    const shot = readmeShot(ui.wb, 'calls.png');
    await me.page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 1280, height: 720 } });
    say(`wrote ${shot}`);
    await me.inlineAction(live, 'Hang Up Call');
    await me.sidebar.locator('.monaco-list-row').filter({ hasText: /answered · outbound/ }).first().waitFor({ state: 'detached', timeout: 30_000 });
    assert.deepStrictEqual(calls().map((c) => c.status), ['completed', 'completed']);
  });

  it('New NCCO File, then the file\'s CodeLens, a schema squiggle and the warning on a user the application does not have', async function () {
    const { me } = ui;
    await me.palette('View: Close All Editors');
    await me.palette('Vonage: New NCCO File');
    await me.waitForQuestion('New NCCO File'); // the save dialog offers ncco.json in the workspace folder
    await me.page.keyboard.press('Enter');
    await me.waitForEditorText(/Hello.from.Vonage/);
    fs.writeFileSync(nccoFile(), NCCO_WITH_PROBLEMS);
    await me.waitForEditorText(/Connecting.you.to.support/);
    const lens = me.page.locator('.contentWidgets .codelens-decoration a').filter({ hasText: 'Choose the application' }).first();
    await lens.waitFor({ timeout: 30_000 });
    await lens.click();
    await me.choose('Which application is this NCCO file for?', APP_NAME);
    await me.page.locator('.contentWidgets .codelens-decoration a').filter({ hasText: `For "${APP_NAME}"` }).first().waitFor({ timeout: 30_000 });
    await me.palette('View: Focus Problems (Errors, Warnings, Infos)'); // the messages of both, beside the file
    const problems = me.page.locator('.markers-panel');
    await problems.getByText('"bob" is not a user of "UI Calls App"', { exact: false }).first().waitFor({ timeout: 30_000 });
    await problems.getByText('Value is below the minimum of 3.', { exact: false }).first().waitFor({ timeout: 30_000 });
    await me.page.locator('.editor-instance .squiggly-warning').nth(1).waitFor({ timeout: 30_000 }); // VS Code shows schema problems as warnings too
    await me.clearNotifications();
    await me.page.mouse.move(200, 700); // no tooltip over the picture
    const shot = readmeShot(ui.wb, 'ncco.png');
    await me.page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 1280, height: 720 } });
    say(`wrote ${shot}`);
  });

  it('Call a user with this NCCO: a problem is said first, before any question; fixed, the call runs the file\'s NCCO', async function () {
    const { me } = ui;
    const callLens = me.page.locator('.contentWidgets .codelens-decoration a').filter({ hasText: 'Call a user with this NCCO' }).first();
    await callLens.click();
    await me.notification('ncco.json: Action 2 (connect): "timeout" must be from 3 to 7200, not 2.');
    const before = calls().length;
    fs.writeFileSync(nccoFile(), NCCO_WITH_PROBLEMS.replace('"timeout": 2', '"timeout": 20').replace('"bob"', '"alice"'));
    await me.waitForEditorText(/"timeout":.20/);
    await me.clearNotifications();
    await callLens.click();
    await me.choose('Pick a user', 'alice');
    await me.notification(`Calling alice (app) from "${APP_NAME}": started.`);
    assert.strictEqual(calls().length, before + 1);
    const placed = ui.wb.sandbox.voice.call(calls()[calls().length - 1].uuid)!;
    assert.deepStrictEqual(placed.ncco, JSON.parse(fs.readFileSync(nccoFile(), 'utf8')));
  });
});
