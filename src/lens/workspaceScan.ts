// The whole workspace checked at once: every file search would look at (search.exclude and
// files.exclude apply; node_modules and .git never), up to a size cap, binary files skipped; the text
// scanned first, then git asked once per repository about the files holding a secret, whose warnings
// then go to the Problems view like those of open files.
import * as fs from 'fs/promises';
import * as vscode from 'vscode';
import { scanSecrets } from '../vonage/secrets/scanSecrets';
import type { SecretKind } from '../vonage/secrets/finding';
import type { GitState } from '../workspace/gitState';
import { jwtsInText } from './documentJwts';
import type { SecretsChecker } from './secretsChecker';
import { MAX_CHECKED_CHARS, secretsSettings } from './secretsSettings';

export interface WorkspaceSecret {
  readonly uri: string;
  /** 1-based, as the editor shows it. */
  readonly line: number;
  readonly kind: SecretKind;
  readonly tracked: boolean;
}

const MAX_FILES = 100_000;
const AT_ONCE = 8;
const NEVER = ['**/node_modules/**', '**/.git/**'];

/** The exclude glob: search's and files' excludes, the secrets check's own, and never node_modules or .git. */
export function scanExcludes(): string {
  const globs = new Set(NEVER);
  for (const section of ['search.exclude', 'files.exclude']) {
    const map = vscode.workspace.getConfiguration().get<Record<string, unknown>>(section) ?? {};
    for (const [glob, on] of Object.entries(map)) if (on === true) globs.add(glob);
  }
  for (const g of secretsSettings().exclude) globs.add(g);
  return `{${[...globs].join(',')}}`;
}

export async function scanWorkspace(checker: SecretsChecker, git: GitState, token: vscode.CancellationToken, report: (done: number, total: number) => void): Promise<WorkspaceSecret[]> {
  const files = await vscode.workspace.findFiles('**/*', scanExcludes(), MAX_FILES, token);
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
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  let text: string;
  if (open) {
    text = open.getText();
  } else {
    const stat = await fs.stat(uri.fsPath).catch(() => undefined);
    if (!stat?.isFile() || stat.size > MAX_CHECKED_CHARS) return false;
    const bytes = await fs.readFile(uri.fsPath).catch(() => undefined);
    if (!bytes || bytes.subarray(0, 8000).includes(0)) return false; // gone, or binary
    text = bytes.toString('utf8');
  }
  return scanSecrets(text, { storedSecrets: stored, jwts: jwtsInText(text) }).length > 0;
}
