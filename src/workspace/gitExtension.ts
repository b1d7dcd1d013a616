// VS Code's built-in Git extension, reached through its public API (extensions/git/src/api/git.d.ts):
// only the part used here: enablement, repositories, the git executable.
import vscode = require('vscode');

export interface GitRepository {
  readonly rootUri: vscode.Uri;
}

export interface GitApi {
  readonly state: 'uninitialized' | 'initialized';
  readonly onDidChangeState: vscode.Event<'uninitialized' | 'initialized'>;
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
  readonly onDidCloseRepository: vscode.Event<GitRepository>;
  /** The git executable the extension uses. */
  readonly git: { readonly path: string };
  getRepository(uri: vscode.Uri): GitRepository | null;
}

interface GitExtensionExports {
  readonly enabled: boolean;
  readonly onDidChangeEnablement: vscode.Event<boolean>;
  getAPI(version: 1): GitApi;
}

export type GitExtensionStatus =
  | { readonly kind: 'ready'; readonly api: GitApi; readonly exports: GitExtensionExports }
  | { readonly kind: 'disabled'; readonly exports: GitExtensionExports }
  | { readonly kind: 'absent' };

/** The extension, activated; its API once it has looked for repositories (waits at most a few seconds). */
export async function gitExtension(): Promise<GitExtensionStatus> {
  const ext = vscode.extensions.getExtension<GitExtensionExports>('vscode.git');
  if (!ext) return { kind: 'absent' };
  const exports = ext.isActive ? ext.exports : await ext.activate();
  if (!exports) return { kind: 'absent' };
  // The extension reads git.enabled only when it starts: a change since then is honoured here.
  if (!exports.enabled || vscode.workspace.getConfiguration('git').get<boolean>('enabled') === false) return { kind: 'disabled', exports };
  let api: GitApi;
  try {
    api = exports.getAPI(1); // throws when git is disabled
  } catch {
    return { kind: 'disabled', exports };
  }
  if (api.state !== 'initialized') await initialized(api, 5000);
  return { kind: 'ready', api, exports };
}

function initialized(api: GitApi, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    const sub = api.onDidChangeState((s) => { if (s === 'initialized') done(); });
    function done() { clearTimeout(timer); sub.dispose(); resolve(); }
  });
}
