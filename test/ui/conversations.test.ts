// UI tier: a person creates a conversation, adds users as members and opens its events, in a real
// VS Code workbench (code-server in headless Chromium) against the sandbox: the inline "+" on the
// application's Conversations, the member actions, the members with their states under the conversation,
// and the Events timeline opened beside the tree. With UPDATE_SCREENSHOTS=1 it retakes the README's
// screenshot (docs/images/conversations.png).
import * as assert from 'assert';
import { readmeShot, uiSuite } from './workbench';

const APP_NAME = 'UI Voice App';
const say = (line: string) => console.log(`      ${line}`);

describe('UI: a conversation, its members and its events', function () {
  const ui = uiSuite('vonage-ui-conversations-', { 'git.enabled': false });

  it('signs in, creates an application and two users', async function () {
    const { me, wb } = ui;
    await me.openVonageView();
    await me.signIn(wb.sandbox.apiKey, wb.sandbox.apiSecret);
    await me.createApplication(APP_NAME);
    await me.createUserFromTree(APP_NAME, 'alice', 'Alice');
    await me.createUserFromTree(APP_NAME, 'bob', 'Bob');
  });

  it('the + on Conversations: a name and a display name; the conversation appears under the application', async function () {
    const { me, wb } = ui;
    await me.clearNotifications();
    await me.expand(me.treeRow('Conversations'));
    await me.inlineAction(me.treeRow('Conversations'), 'Create Conversation');
    await me.answer('Conversation name (unique in the application)', 'support-chat');
    await me.answer('Display name (optional)', 'Support Chat');
    await me.notification(/Conversation "Support Chat" created/);
    await me.treeRow('Support Chat').waitFor({ timeout: 30_000 });
    const [app] = wb.sandbox.applications();
    assert.deepStrictEqual(wb.sandbox.conversations.list(app.id).map((c) => c.name), ['support-chat']);
  });

  it('Add Member on the conversation: the progress names the user; alice joins, bob is invited; their states show under it', async function () {
    const { me, wb } = ui;
    for (const [user, state] of [['alice', 'Joined'], ['bob', 'Invited']]) {
      await me.clearNotifications();
      await me.inlineAction(me.treeRow('Support Chat'), 'Add Member to Conversation');
      await me.choose('Pick a user', user);
      wb.sandbox.setLatency(4000); // the answer takes long enough to read the progress toast
      try {
        await me.choose('Joined or invited?', state);
        await me.notification(`Vonage: adding ${user} to "Support Chat"`); // the user picked by name, not the USR- id
      } finally {
        wb.sandbox.setLatency(0);
      }
      await me.notification(state === 'Joined' ? `${user} joined "Support Chat".` : `${user} is invited to "Support Chat".`);
    }
    await me.expand(me.treeRow('Support Chat'));
    await me.treeRow('Events').waitFor({ timeout: 30_000 });
    await me.sidebar.locator('.monaco-list-row').filter({ hasText: 'support-chat · 2 members' }).first().waitFor({ timeout: 30_000 });
    const [app] = wb.sandbox.applications();
    const [conv] = wb.sandbox.conversations.list(app.id);
    assert.deepStrictEqual(wb.sandbox.conversations.members(app.id, conv.id).map((m) => [m.userName, m.state]), [['alice', 'JOINED'], ['bob', 'INVITED']]);
  });

  it('Events opens the timeline, newest last: alice joined, bob was invited', async function () {
    const { me } = ui;
    await me.clearNotifications();
    await me.treeRow('Events').click();
    await me.waitForEditorText(/bob.was.invited/); // Monaco renders spaces as non-breaking ones
    const text = await me.editorText();
    say(text.split('\n').slice(0, 6).join(' | '));
    assert.match(text, /member:joined\s+alice joined[\s\S]*member:invited\s+bob was invited/);
    await me.clearNotifications();
    await me.widenSidebar(420);
    const shot = readmeShot(ui.wb, 'conversations.png');
    await me.page.screenshot({ path: shot, clip: { x: 0, y: 0, width: 1280, height: 720 } });
    say(`wrote ${shot}`);
  });
});
