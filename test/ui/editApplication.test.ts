// UI tier: a person edits an application's RTC event URL from the tree — the pencil on the application
// row, the capability, Change, the URL prompt showing the current value — in a real VS Code workbench
// (code-server in headless Chromium) against the sandbox. With UPDATE_SCREENSHOTS=1 it retakes the
// README's screenshot of the prompt (docs/images/edit-application.png).
import * as assert from 'assert';
import { readmeShot, uiSuite } from './workbench';

const APP_NAME = 'UI Edit App';
const OLD_URL = 'https://old.example.com/webhooks/rtc/event';
const NEW_URL = 'https://abc123.ngrok.example/webhooks/rtc/event';
const say = (line: string) => console.log(`      ${line}`);

describe('UI: edit an application\'s RTC URL from the tree', function () {
  const ui = uiSuite('vonage-ui-edit-', { 'git.enabled': false });

  it('signs in and creates an application with an RTC event URL; the tree describes it as "rtc"', async function () {
    const { me, wb } = ui;
    await me.openVonageView();
    await me.signIn(wb.sandbox.apiKey, wb.sandbox.apiSecret);
    await me.createApplication(APP_NAME, OLD_URL);
    assert.match(await me.treeRow(APP_NAME).innerText(), /rtc/, 'the row lists its capabilities');
  });

  it('the pencil on the application row edits the RTC capability; the URL prompt shows the current value', async function () {
    const { me, wb } = ui;
    await me.clearNotifications();
    await me.inlineAction(me.treeRow(APP_NAME), 'Edit Application');
    await me.choose('Which capability of', 'RTC');
    await me.choose(`RTC of "${APP_NAME}"`, 'Change the RTC settings');
    await me.waitForQuestion('RTC event URL');
    assert.strictEqual(await me.quickInputBox.inputValue(), OLD_URL, 'the prompt starts at the URL Vonage has');
    await me.quickInputBox.fill(NEW_URL);
    await me.page.waitForTimeout(300); // the validation runs as typed; let the box settle for the picture
    const shot = readmeShot(wb, 'edit-application.png');
    await me.page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 1280, height: 420 } });
    say(`wrote ${shot}`);
    await me.quickInputBox.press('Enter'); // the next question's text also names the RTC event URL: wait for it instead
    await me.choose('HTTP method of the RTC event URL', 'POST');
    await me.choose('Signed callbacks', 'Off');
    await me.notification(`Application "${APP_NAME}" updated.`);
  });

  it('Vonage has the new URL and everything else as before; the RTC node shows it', async function () {
    const { me, wb } = ui;
    const [app] = wb.sandbox.applications();
    const rtc = app.capabilities?.rtc as { webhooks?: { event_url?: { address?: string; http_method?: string } }; signed_callbacks?: boolean };
    assert.deepStrictEqual(rtc.webhooks?.event_url, { address: NEW_URL, http_method: 'POST' });
    assert.strictEqual(rtc.signed_callbacks, undefined, 'Off where signed callbacks were never set is no change: not sent');
    assert.strictEqual(app.name, APP_NAME);
    await me.expand(me.treeRow(APP_NAME));
    const node = me.treeRow('RTC');
    await node.waitFor({ timeout: 30_000 });
    assert.match(await node.innerText(), /abc123\.ngrok\.example/);
  });
});
