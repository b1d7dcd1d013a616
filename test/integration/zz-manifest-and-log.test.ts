// Runs last (files load in name order): the manifest's promises, and the log holds none of the
// secrets any suite used (API secrets, private keys, tokens).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionApi, usedSecrets } from './support/harness';

interface Command { command: string; title: string; category?: string; icon?: string }

describe('manifest and log', () => {
  const manifest = () => vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
    contributes: {
      commands: Command[];
      menus: Record<string, { command: string; when?: string }[]>;
      viewsWelcome: { view: string; when: string; contents: string }[];
      configuration: { properties: Record<string, { default?: unknown; maximum?: number }> };
      walkthroughs: { steps: { completionEvents: string[] }[] }[];
    };
  };

  it('every vonage.* command the extension registers is contributed with category "Vonage" and a codicon', async () => {
    await extensionApi();
    // VS Code registers <view>.focus and the like for each view itself.
    const registered = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('vonage.') && !/^vonage\.(applications|numbers|webhooks)\./.test(c));
    const contributed = new Map(manifest().contributes.commands.map((c) => [c.command, c]));
    for (const id of registered) {
      const c = contributed.get(id);
      assert.ok(c, `${id} is registered but not contributed`);
      assert.strictEqual(c.category, 'Vonage', id);
      assert.match(String(c.icon), /^\$\([a-z-]+\)$/, id);
    }
    for (const id of contributed.keys()) assert.ok(registered.includes(id), `${id} is contributed but not registered`);
    assert.ok(registered.length >= 22);
  });

  it('tree-only commands are hidden from the palette; the signed-out view has welcome text with set-key and sign-up links', () => {
    const c = manifest().contributes;
    assert.ok(c.menus.commandPalette.some((m) => m.command === 'vonage.loadMoreUsers' && m.when === 'false'));
    assert.ok(c.menus.commandPalette.some((m) => m.command === 'vonage.loadMoreConversations' && m.when === 'false'));
    // Retired (Vonage discontinued In-App Messaging): still contributed, so an old keybinding gets the reason, but offered nowhere.
    assert.ok(c.menus.commandPalette.some((m) => m.command === 'vonage.sendTextMessage' && m.when === 'false'));
    assert.deepStrictEqual(Object.entries(c.menus).filter(([menu, items]) => menu !== 'commandPalette' && items.some((m) => m.command === 'vonage.sendTextMessage')), []);
    // Issue 23: the calls' tree-only commands are hidden; the NCCO file's own command shows only on an NCCO file.
    for (const id of ['vonage.loadMoreCalls', 'vonage.openCallEvents']) assert.ok(c.menus.commandPalette.some((m) => m.command === id && m.when === 'false'), id);
    assert.ok(c.menus.commandPalette.some((m) => m.command === 'vonage.chooseNccoApplication' && m.when === 'resourceFilename =~ /(^|\\.)ncco\\.json$/'));
    assert.ok(!c.menus.commandPalette.some((m) => ['vonage.callUser', 'vonage.callPhone', 'vonage.listCalls', 'vonage.hangUpCall', 'vonage.newNcco'].includes(m.command)), 'the call commands and New NCCO File are in the palette');
    assert.ok(c.menus['view/item/context'].some((m) => m.command === 'vonage.hangUpCall' && m.when?.includes('viewItem == vonage.call.live') && /inline/.test((m as { group?: string }).group ?? '')), 'Hang Up inline on a live call');
    // Sign Out stays in the palette: whether a key is stored is unknown until the extension has read SecretStorage.
    assert.ok(!c.menus.commandPalette.some((m) => m.command === 'vonage.signOut'), 'Sign Out is not hidden behind vonage:signedIn');
    const welcome = c.viewsWelcome.find((w) => w.view === 'vonage.applications')!;
    assert.strictEqual(welcome.when, '!vonage:signedIn');
    assert.ok(welcome.contents.includes('command:vonage.setCredentials') && welcome.contents.includes('https://dashboard.nexmo.com/sign-up'));
    assert.strictEqual(c.configuration.properties['vonage.apiBaseUrl'].default, 'https://api.nexmo.com');
    assert.strictEqual(c.configuration.properties['vonage.jwt.defaultTtlSeconds'].maximum, 86400);
    const events = c.walkthroughs[0].steps.map((s) => s.completionEvents[0]);
    // Completed by context keys the commands set on success, not by merely running them (a failed or cancelled run does not count).
    assert.deepStrictEqual(events, ['onContext:vonage:signedIn', 'onContext:vonage:hasApplication', 'onContext:vonage:hasUser', 'onContext:vonage:generatedJwt', 'onContext:vonage:wroteEnv', 'onContext:vonage:usedTokenLens', 'onContext:vonage:createdConversation', 'onContext:vonage:placedCall', 'onContext:vonage:createdTokenEndpoint']);
  });

  it('issue 9: edit, find and switch commands in the palette and on their tree items; the JSON editor\'s schema and file system', () => {
    const m = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
      activationEvents: string[];
      contributes: { menus: Record<string, { command: string; when?: string; group?: string }[]>; jsonValidation: { fileMatch: string; url: string }[] };
    };
    const items = m.contributes.menus['view/item/context'];
    const inline = (command: string, viewItem: string) => items.some((i) => i.command === command && i.group?.startsWith('inline') && i.when?.includes(viewItem));
    assert.ok(inline('vonage.editApplication', 'vonage\\.application') && inline('vonage.editApplication', 'vonage.capability'), 'the pencil on applications and capabilities');
    assert.ok(inline('vonage.editUser', 'vonage.user'));
    assert.ok(m.contributes.menus.commandPalette.every((c) => !['vonage.editApplication', 'vonage.openApplicationJson', 'vonage.editUser', 'vonage.findUser', 'vonage.switchAccount'].includes(c.command)), 'all in the palette');
    assert.deepStrictEqual(m.contributes.jsonValidation, [
      { fileMatch: 'vonage://**/applications/**/*.json', url: './media/schemas/application.schema.json' },
      { fileMatch: ['ncco.json', '*.ncco.json'], url: './media/schemas/ncco.schema.json' },
    ]);
    // Neither is derivable from contributions: a restored vonage: document, and the token lens and the
    // secrets-in-git warnings (their providers must be registered before the person opens a file).
    assert.deepStrictEqual(m.activationEvents, ['onFileSystem:vonage', 'onStartupFinished']);
  });

  it('marketplace categories match what it contributes: Snippets, for the Client SDK session snippets it ships', () => {
    const m = vscode.extensions.getExtension(EXTENSION_ID)!;
    const json = m.packageJSON as { categories: string[]; contributes: { snippets?: { language?: string; path: string }[] } };
    assert.deepStrictEqual(json.categories, ['Snippets', 'Other']);
    // One .code-snippets file whose snippets say their languages (scope): no language is named in the manifest,
    // so VS Code accepts the Kotlin one even where no Kotlin extension is installed yet.
    assert.deepStrictEqual(json.contributes.snippets, [{ path: './media/snippets/client-sdk-session.code-snippets' }]);
    const parsed = JSON.parse(fs.readFileSync(path.join(m.extensionPath, 'media', 'snippets', 'client-sdk-session.code-snippets'), 'utf8')) as Record<string, { scope: string; prefix: string[]; body: string[] }>;
    const snippets = Object.values(parsed);
    assert.deepStrictEqual(snippets.map((snippet) => snippet.scope), ['javascript,javascriptreact', 'typescript,typescriptreact', 'kotlin', 'swift']);
    for (const snippet of snippets) {
      const body = snippet.body.join('\n');
      assert.match(body, /createSession/, snippet.scope);
      assert.match(body, /refreshSession/, snippet.scope);
      assert.match(body, /ExpiredToken|TokenExpired|tokenExpired/, `${snippet.scope}: the SDK's expired-token error`);
    }
  });

  it('the log has the run in it, and none of the secrets used in the run', () => {
    return extensionApi().then((api) => {
      const text = api.logText();
      assert.doesNotMatch(text, /earlier lines dropped/, 'the whole run\'s log is checked (none of it was dropped by the cap)');
      assert.match(text, /Created application/);
      assert.match(text, /POST http:\/\/127\.0\.0\.1:\d+\/v2\/applications -> 201/);
      assert.ok(usedSecrets.size >= 10, `only ${usedSecrets.size} secrets were recorded`);
      const flat = text.replace(/\s+/g, '');
      for (const secret of usedSecrets) {
        if (typeof secret !== 'string') continue;
        const probe = secret.includes('PRIVATE KEY') ? secret.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '').slice(100, 160) : secret;
        assert.ok(!(secret.includes('PRIVATE KEY') ? flat : text).includes(probe), `the log contains a secret (${secret.slice(0, 12)}…)`);
        const [, payload, signature] = /^[\w-]+\.([\w-]+)\.([\w-]+)$/.exec(secret) ?? [];
        if (payload) assert.ok(!text.includes(payload) && !text.includes(signature), `the log contains a token's payload or signature (${secret.slice(0, 12)}…)`);
      }
      assert.doesNotMatch(text, /eyJ[\w-]{10,}\.eyJ/, 'no JWT-shaped text in the log');
      assert.doesNotMatch(text, /-----BEGIN [A-Z ]*PRIVATE KEY-----/);
      const settings = JSON.stringify(vscode.workspace.getConfiguration('vonage'));
      for (const secret of usedSecrets) assert.ok(!settings.includes(secret.slice(0, 40)), 'no secret in settings');
    });
  });
});
