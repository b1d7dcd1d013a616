// Signed out, as a new user is: every command that needs an account says so before its first question, with
// the action that signs in (Buy Number used to ask four questions and only then say no API key was set).
// Every contributed command is tried, so a new one that forgets is caught; the few that need no account are
// named here, with why.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { AnsweringUi } from './support/answeringUi';
import { CANCEL, EXTENSION_ID, QueuedUi, type Env, byHand, eventually, runFails, startEnv, stopEnv } from './support/harness';

/** The commands that work signed out, and why. */
const WORK_SIGNED_OUT: Record<string, string> = {
  'vonage.setCredentials': 'it signs in',
  'vonage.signOut': 'it says there is nothing to sign out of',
  'vonage.showLog': 'the log is local',
  'vonage.refresh': 'signed out, the view shows its welcome text',
  'vonage.refreshNumbers': 'likewise',
  'vonage.inspectJwt': 'it decodes a token locally',
  'vonage.copyTokenClaims': 'likewise',
  'vonage.regenerateToken': 'it signs with a private key this VS Code keeps per host',
  'vonage.renewTokens': 'likewise',
  'vonage.checkWorkspaceSecrets': 'it reads the workspace and git',
  'vonage.moveSecretToEnv': 'likewise',
  'vonage.ignoreFileInGit': 'likewise',
  'vonage.ignoreSecretsInFile': 'it changes a setting',
  'vonage.sendTextMessage': 'it only says why it is retired',
  'vonage.newNcco': 'it writes a starter file',
  'vonage.startWebhooks': 'the webhook server is local (it answers from the NCCO file or your server)',
  'vonage.stopWebhooks': 'it stops the local server; putting back uses the account each application was routed from',
  'vonage.listWebhookRequests': 'the callbacks kept are local',
  'vonage.openWebhookRequest': 'likewise',
  'vonage.replayWebhookRequest': 'likewise',
  'vonage.copyWebhookRequestAsCurl': 'likewise',
  'vonage.clearWebhookRequests': 'likewise',
};

const SIGN_IN = /^No Vonage API key and secret are set for http:\/\/127\.0\.0\.1:\d+\. Set them first \(Vonage: Set API Key and Secret\)\.$/;

describe('signed out: the sign-in sentence comes first', () => {
  let env: Env;
  const contributed = () => (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } })
    .contributes.commands.map((c) => c.command);

  before(async () => { env = await startEnv({ signIn: false }); });
  after(() => stopEnv(env));
  beforeEach(async () => {
    await env.api.credentials.deleteAccount(env.baseUrl).catch(() => undefined);
    env.sandbox.requests.length = 0;
  });

  it('every command that needs an account, run by hand: no question, the sentence with "Set API Key and Secret", nothing sent', async () => {
    const needing = contributed().filter((id) => !(id in WORK_SIGNED_OUT));
    assert.ok(needing.includes('vonage.buyNumber') && needing.includes('vonage.createApplication') && needing.length >= 35, `${needing.length} commands`);
    const wrong: string[] = [];
    for (const id of needing) {
      const ui = new QueuedUi(); // no answers: a question would fail the command with "no answer left"
      await byHand(env, ui, id);
      await eventually(() => ui.messages.length > 0 || ui.asked.length > 0, `${id} shows something`);
      const first = ui.messages[0];
      if (ui.asked.length || first?.level !== 'error' || !SIGN_IN.test(first.text) || first.actions.join() !== 'Set API Key and Secret') {
        wrong.push(`${id}: asked ${JSON.stringify(ui.asked.map((a) => a.text))}, then ${JSON.stringify(first)}`);
      }
    }
    assert.deepStrictEqual(wrong, []);
    assert.strictEqual(env.sandbox.requests.length, 0, 'nothing reached Vonage');
  });

  it('Buy Number: the sentence\'s action signs in, and the next Buy Number asks its first question', async () => {
    let offered = 0;
    const ui = new AnsweringUi([env.sandbox.apiKey, env.sandbox.apiSecret], (level, _text, actions) =>
      (level === 'error' && actions.includes('Set API Key and Secret') && !offered++ ? 'Set API Key and Secret' : undefined));
    env.api.setUi(ui); // kept until the action's Set API Key and Secret (run after Buy Number returned) has its answers
    try {
      await vscode.commands.executeCommand('vonage.buyNumber');
      await eventually(async () => (await env.api.credentials.getAccount(env.baseUrl))?.apiKey === env.sandbox.apiKey, 'signed in through the action', 15_000);
    } finally {
      env.api.setUi(undefined);
    }
    assert.deepStrictEqual(ui.asked.map((a) => a.step), [1, 2], 'the key, then the secret');
    const next = new QueuedUi([CANCEL]);
    await byHand(env, next, 'vonage.buyNumber');
    assert.match(next.asked[0]?.text ?? '', /Which country/);
  });

  it('scripted, the same sentence is the error, before anything is sent; the log has it as one warning line, no stack', async () => {
    const before = linesWritten(env.api.logText()); // the log is the host's: earlier suites' lines stay out
    await runFails('vonage.buyNumber', { country: 'GB', msisdn: '447700900000', confirm: true }, SIGN_IN);
    const logged = linesSince(env.api.logText(), before);
    const at = logged.map((l) => l.startsWith('[warn] vonage.buyNumber: No Vonage API key and secret are set for')).lastIndexOf(true);
    assert.ok(at >= 0, 'the refusal is logged as a warning with its sentence');
    assert.doesNotMatch(logged[at + 1] ?? '', /^\s+at |NotSignedInError/, 'and nothing of a stack after it');
    assert.ok(!logged.some((l) => l === '[error] vonage.buyNumber failed'), 'not as an error');
    await runFails('vonage.createUser', { applicationId: 'aaaaaaaa-bbbb-cccc-dddd-0123456789ab', name: 'alice' }, SIGN_IN);
    assert.strictEqual(env.sandbox.requests.length, 0);
  });
});

/** How many lines the log has written in all, counting those it dropped ("[N earlier lines dropped]" heads it then). */
function linesWritten(logText: string): number {
  const lines = logText.split('\n');
  const dropped = /^\[(\d+) earlier lines dropped\]$/.exec(lines[0] ?? '');
  return dropped ? Number(dropped[1]) + lines.length - 1 : lines.length;
}

/** The lines written after the first `written` of them. */
function linesSince(logText: string, written: number): string[] {
  const lines = logText.split('\n');
  const kept = /^\[\d+ earlier lines dropped\]$/.test(lines[0] ?? '') ? lines.slice(1) : lines;
  return kept.slice(Math.max(0, kept.length - (linesWritten(logText) - written)));
}
