import vscode = require('vscode');

/** The `vonage.tokens.*` settings, read when needed (they may change at any time). */
export interface TokenSettings {
  enabled: boolean;
  codeLens: boolean;
  /** Documents longer than this many characters are not scanned. */
  maxCharacters: number;
  exclude: string[];
}

export const DEFAULT_MAX_FILE_SIZE_MB = 5;

export function tokenSettings(): TokenSettings {
  const c = vscode.workspace.getConfiguration('vonage.tokens');
  const mb = c.get<number>('maxFileSizeMB') ?? DEFAULT_MAX_FILE_SIZE_MB;
  return {
    enabled: c.get<boolean>('enabled') ?? true,
    codeLens: c.get<boolean>('codeLens') ?? true,
    maxCharacters: Math.max(0, Number.isFinite(mb) ? mb : DEFAULT_MAX_FILE_SIZE_MB) * 1024 * 1024,
    exclude: (c.get<unknown[]>('exclude') ?? []).filter((g): g is string => typeof g === 'string' && g.trim() !== ''),
  };
}

/** Schemes whose documents are the user's text (not our own virtual documents, not output channels). */
const SCANNED_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);

/** The selector the token providers register for. */
export const TOKEN_DOCUMENTS: vscode.DocumentSelector = [...SCANNED_SCHEMES].map((scheme) => ({ scheme }));

/** The length of a document without copying its text (VS Code keeps line offsets). */
function documentLength(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

export type Eligibility = 'yes' | 'disabled' | 'scheme' | 'excluded' | 'tooLarge';

/** Whether the token lens looks at this document, and if not, why. */
export function eligibility(document: vscode.TextDocument, settings: TokenSettings = tokenSettings()): Eligibility {
  if (!settings.enabled) return 'disabled';
  if (!SCANNED_SCHEMES.has(document.uri.scheme)) return 'scheme';
  if (settings.exclude.some((pattern) => vscode.languages.match({ pattern }, document) > 0)) return 'excluded';
  if (documentLength(document) > settings.maxCharacters) return 'tooLarge';
  return 'yes';
}
