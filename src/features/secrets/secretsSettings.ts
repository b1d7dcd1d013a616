import vscode = require('vscode');

/** Documents larger than this are not checked (as VS Code turns features off for large files). */
export const MAX_CHECKED_CHARS = 5 * 1024 * 1024;

export interface SecretsSettings {
  readonly enabled: boolean;
  /** Globs, relative to the workspace folder, of files to leave out (Ignore here adds to them). */
  readonly exclude: string[];
}

export function secretsSettings(scope?: vscode.Uri): SecretsSettings {
  const c = vscode.workspace.getConfiguration('vonage.secrets', scope);
  const exclude = c.get<unknown>('exclude');
  return {
    enabled: c.get<boolean>('enabled') ?? true,
    exclude: Array.isArray(exclude) ? exclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [],
  };
}

/** True when a glob of vonage.secrets.exclude matches the document (relative to its workspace folder). */
export function isExcluded(doc: vscode.TextDocument): boolean {
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  const globs = secretsSettings(doc.uri).exclude;
  return globs.some((g) => vscode.languages.match({ scheme: 'file', pattern: folder ? new vscode.RelativePattern(folder, g) : g }, doc) > 0);
}

/** A glob matching exactly this path (relative to its folder): glob characters are put in brackets. */
export function globForPath(relative: string): string {
  return relative.replace(/[*?[\]{}]/g, (c) => `[${c}]`);
}
