// The whole workspace checked at once: every file search would look at (search.exclude and
// files.exclude apply; node_modules and .git never), up to a size cap, binary files skipped; the text
// scanned first, then git asked once per repository about the files holding a secret, whose warnings
// then go to the Problems view like those of open files.
import * as fs from 'fs/promises';
import vscode = require('vscode');
import { scanSecrets } from '../../vonage/secrets/scanSecrets';
import type { SecretKind } from '../../vonage/secrets/finding';
import { findJwts } from '../../vonage/tokens/scanner';
import type { GitState } from '../../workspace/gitState';
import { fileText, workspaceFiles } from '../../workspace/workspaceFiles';
import type { SecretsChecker } from './secretsChecker';
import { MAX_CHECKED_CHARS, secretsSettings } from './secretsSettings';

export interface WorkspaceSecret {
  readonly uri: string;
  /** 1-based, as the editor shows it. */
  readonly line: number;
  readonly kind: SecretKind;
  readonly tracked: boolean;
}

const AT_ONCE = 8;

export async function scanWorkspace(checker: SecretsChecker, git: GitState, token: vscode.CancellationToken, report: (done: number, total: number) => void): Promise<WorkspaceSecret[]> {
  const files = await workspaceFiles(secretsSettings().exclude, token);
  const stored = await checker.secrets();
  const holding: vscode.Uri[] = [];
  let done = 0;
  const queue = [...files];
  const worker = async () => {
    for (let uri = queue.shift(); uri && !token.isCancellationRequested; uri = queue.shift()) {
      if (await holdsSecret(uri, stored)) holding.push(uri);
      if (++done % 50 === 0) report(done, files.length);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, worker));
  if (token.isCancellationRequested) throw new vscode.CancellationError();
  await git.verdicts(holding.map((u) => u.fsPath)); // one git call per question per repository; the checks below hit the cache
  const out: WorkspaceSecret[] = [];
  for (const uri of holding) {
    if (token.isCancellationRequested) throw new vscode.CancellationError();
    const doc = await vscode.workspace.openTextDocument(uri);
    for (const p of await checker.checkDocument(doc)) {
      out.push({ uri: uri.toString(), line: p.range.start.line + 1, kind: p.finding.kind, tracked: p.verdict.tracked });
    }
  }
  return out;
}

/** Reads the file (an open document's text when it is open) and tells whether it holds any secret. */
async function holdsSecret(uri: vscode.Uri, stored: string[]): Promise<boolean> {
  const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  if (!open) {
    const stat = await fs.stat(uri.fsPath).catch(() => undefined);
    if (!stat?.isFile() || stat.size > MAX_CHECKED_CHARS) return false;
  }
  const text = await fileText(uri); // undefined: gone, or binary
  if (text === undefined || text.length > MAX_CHECKED_CHARS) return false;
  return scanSecrets(text, { storedSecrets: stored, jwts: findJwts(text) }).length > 0;
}
