import * as fs from 'fs/promises';
import vscode = require('vscode');
import { registerCommand } from '../../ui/commandWrapper';
import { withProgress } from '../../ui/progress';
import { runWizard } from '../../ui/prompts';
import { argsOf, optString } from '../../ui/args';
import { applicationIdOf, getApplication, pickApplication } from './applicationArgs';
import type { Services } from '../../services';

/**
 * Vonage: Import Application Private Key — `{ applicationId, privateKey? | file? }` → `{ applicationId }`.
 * From a file or pasted text; rejected when it is not a private key or does not match the
 * application's public key.
 */
export function registerImportPrivateKey(s: Services): void {
  registerCommand(s.context, 'vonage.importPrivateKey', s, async (arg, inv) => {
    const args = argsOf(arg);
    const baseUrl = s.session.baseUrl; // once: the key is checked against and filed under the same host
    const core = await s.session.core();
    let applicationId = applicationIdOf(arg);
    let text = optString(args, 'privateKey');
    let file = optString(args, 'file');
    let source: 'file' | 'paste' | undefined = file !== undefined ? 'file' : text !== undefined ? 'paste' : undefined;
    const validateText = (v: string) => {
      try { core.parsePrivateKey(v); return undefined; } catch (e) { return e instanceof Error ? e.message : String(e); }
    };
    await runWizard('Import Application Private Key', [
      {
        skip: () => applicationId !== undefined,
        run: async (info) => {
          applicationId = (await pickApplication(s, inv, info, 'Which application is the key for?')).id;
        },
      },
      {
        skip: () => text !== undefined || file !== undefined,
        run: async (info) => {
          source = await inv.ui.pick<'file' | 'paste'>([
            { label: '$(file) From a file…', description: 'e.g. private.key', value: 'file' },
            { label: '$(clippy) Paste the key text', description: 'PEM, with or without line breaks', value: 'paste' },
          ], { ...info, placeholder: 'Where is the private key?' });
        },
      },
      {
        skip: () => text !== undefined || file !== undefined,
        run: async (info) => {
          if (source === 'file') {
            const uri = await inv.ui.openFile({ canSelectMany: false, openLabel: 'Import Private Key', filters: { 'Private key': ['key', 'pem', 'txt'], 'All files': ['*'] }, title: info.title });
            if (!uri) throw new vscode.CancellationError();
            file = uri.fsPath;
          } else {
            text = await inv.ui.input({ ...info, prompt: 'Paste the private key (the whole PEM text, BEGIN and END lines included)', password: true, validate: validateText });
          }
        },
      },
    ]);
    if (!applicationId) throw new core.VonageInputError('Say which application the key is for (applicationId).', 'applicationId');
    if (text === undefined && file !== undefined) {
      try {
        text = await fs.readFile(file, 'utf8');
      } catch (e) {
        throw new core.VonageInputError(`Could not read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}.`, 'file');
      }
    }
    const { pem } = core.parsePrivateKey(text ?? '');
    s.log.protect(pem);
    const id = applicationId;
    const app = await withProgress('Vonage: checking the key against the application…', (signal) => getApplication(s, baseUrl, id, signal));
    const publicKey = app.keys?.public_key;
    if (publicKey) {
      if (!core.privateKeyMatches(pem, publicKey)) {
        throw new core.VonageInputError(`This private key does not belong to "${app.name}": it does not match the application's public key. Pick the key that was saved when the application was created.`, 'privateKey');
      }
    }
    const unchecked = !publicKey;
    if (unchecked) s.log.warn(`Application ${id} reports no public key; the imported key could not be checked against it.`);
    await s.store.setPrivateKey(baseUrl, id, pem);
    s.tree.setHasKey(id, true);
    s.log.info(`Imported the private key of application ${id}.`);
    if (!inv.scripted && unchecked) {
      void inv.ui.warn(`Private key of "${app.name}" imported, but it could not be checked: Vonage reports no public key for this application. If its users or JWTs are then refused (401), import the key that was saved when the application was created.`);
    } else if (!inv.scripted) {
      void inv.ui.info(`Private key of "${app.name}" imported: you can now manage its users and generate JWTs.`);
    }
    return { applicationId: id };
  });
}
