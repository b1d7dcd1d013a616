// Proves the integration tier runs inside a REAL VS Code extension host (VS Code 1.100: code-server here,
// desktop VS Code through @vscode/test-electron elsewhere) with this repository loaded as the extension
// under development: it activates, its command runs, its view container and view exist, and its
// SecretStorage round-trips a value.
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'vonage-credentials-dev.vonage-credentials';

interface Manifest {
  name: string;
  contributes: {
    commands: { command: string }[];
    viewsContainers: { activitybar: { id: string }[] };
    views: Record<string, { id: string }[]>;
  };
}

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not loaded: was the host started with --extensionDevelopmentPath=<repo>?`);
  return ext;
}

describe('foundation: the extension inside a real VS Code', () => {
  it('runs in VS Code 1.100.x', () => {
    console.log(`    vscode.version=${vscode.version} appName=${vscode.env.appName} uiKind=${vscode.UIKind[vscode.env.uiKind]} ` +
      `remoteName=${String(vscode.env.remoteName)} node=${process.version}`);
    assert.match(vscode.version, /^1\.100\.\d+$/);
    assert.ok(vscode.env.appName.length > 0, 'vscode.env.appName is empty');
  });

  it('uses the isolated user settings that the runner wrote (not the machine user\'s)', () => {
    // test/host writes workbench.startupEditor = "none" into <temp>/user-data/User/settings.json.
    assert.strictEqual(vscode.workspace.getConfiguration('workbench').get('startupEditor'), 'none');
  });

  it('loads this repository as the extension, with the manifest contributing the command, container and view', () => {
    const manifest = extension().packageJSON as Manifest;
    assert.strictEqual(manifest.name, 'vonage-credentials');
    assert.ok(manifest.contributes.commands.some((c) => c.command === 'vonage.showLog'), 'vonage.showLog is not contributed');
    assert.ok(manifest.contributes.viewsContainers.activitybar.some((c) => c.id === 'vonage'), 'view container "vonage" is not contributed');
    assert.ok((manifest.contributes.views.vonage ?? []).some((v) => v.id === 'vonage.applications'), 'view "vonage.applications" is not contributed');
  });

  it('activates when its command "vonage.showLog" runs', async () => {
    const ext = extension();
    console.log(`    isActive before the command: ${String(ext.isActive)}`);
    await vscode.commands.executeCommand('vonage.showLog');
    assert.strictEqual(ext.isActive, true, 'the extension is not active after running vonage.showLog');
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('vonage.showLog'), 'vonage.showLog is not registered');
  });

  it('has the view container "vonage" and the view "vonage.applications" in the workbench', async () => {
    // Both commands exist only when the workbench has registered the container and the view.
    await vscode.commands.executeCommand('workbench.view.extension.vonage');
    await vscode.commands.executeCommand('vonage.applications.focus');
  });

  it('round-trips a value through its SecretStorage (activate() returns { secrets })', async () => {
    const api = await extension().activate() as { secrets?: vscode.SecretStorage } | undefined;
    const secrets = api?.secrets;
    assert.ok(secrets && typeof secrets.store === 'function',
      'activate() must return an object whose `secrets` is the extension\'s context.secrets (VonageExtensionApi in src/extension.ts)');
    const key = `foundation-test-${Date.now()}`;
    const changed = new Promise<string>((resolve) => {
      const sub = secrets.onDidChange((e) => { if (e.key === key) { sub.dispose(); resolve(e.key); } });
    });
    await secrets.store(key, 's3cr3t value ✓');
    assert.strictEqual(await secrets.get(key), 's3cr3t value ✓');
    assert.strictEqual(await changed, key);
    await secrets.delete(key);
    assert.strictEqual(await secrets.get(key), undefined);
  });
});
