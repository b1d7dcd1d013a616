import vscode = require('vscode');
import type { Services } from '../../services';
import { JWT_SCHEME } from '../tokens/lens/jwtDocuments';
import { localTime } from '../tokens/lens/tokenText';

/** A check's verdict, as the read-only document shows it. */
export interface VerdictShown {
  /** "POST http://…/api/vonage/token" (no query string, no credentials). */
  request: string;
  /** False when no answer came (refused, unknown host, too slow): then there is no status. */
  answered: boolean;
  ok: boolean;
  status: number;
  problems: string[];
  claims?: Record<string, unknown>;
  contentType?: string;
  cacheControl?: string;
}

/** How many verdicts keep their Check with Vonage (older documents keep their text). */
const KEPT = 20;

function timesOf(claims: Record<string, unknown> | undefined): Record<string, string> {
  const times: Record<string, string> = {};
  for (const name of ['iat', 'nbf', 'exp']) {
    const v = claims?.[name];
    if (typeof v === 'number' && v < 1e11) times[name] = localTime(v * 1000);
  }
  return times;
}

function headline(v: VerdictShown): string {
  if (v.ok) return `// Verdict: it answered ${v.status} with a token Vonage will accept.`;
  if (!v.answered) return '// Verdict: it did not answer:';
  return `// Verdict: ${v.problems.length === 1 ? 'a problem' : `${v.problems.length} problems`}:`;
}

/** What came back: nothing but `answered: false` when nothing did; the token's times when it gave one. */
function answerShown(v: VerdictShown): Record<string, unknown> {
  if (!v.answered) return { answered: false };
  const times = timesOf(v.claims);
  return { answered: true, status: v.status, contentType: v.contentType, cacheControl: v.cacheControl, claims: v.claims, ...(Object.keys(times).length && { times }) };
}

function verdictText(v: VerdictShown): string {
  const lines = [`// Token endpoint: ${v.request}`, headline(v), ...v.problems.map((p) => `// - ${p}`)];
  return `${lines.join('\n')}\n${JSON.stringify(answerShown(v), null, 2)}\n`;
}

const tabUri = (tab: vscode.Tab) => (tab.input instanceof vscode.TabInputText ? tab.input.uri.toString() : '');

/**
 * The read-only documents Check Token Endpoint opens (Inspect JWT's documents), each with a CodeLens on
 * its first line: Check with Vonage, for the token the endpoint gave. The token stays in memory only.
 */
export class EndpointVerdicts implements vscode.CodeLensProvider {
  private readonly tokens = new Map<string, string>();
  /** Every verdict document opened (URIs), to find the group that shows them. */
  private readonly opened = new Set<string>();

  constructor(private readonly s: Services) {}

  /**
   * Opens the verdict in the group that shows the last one (as a preview, so it takes that one's tab), else
   * beside the editor; `token`: the one the endpoint gave, for Check with Vonage.
   */
  async show(verdict: VerdictShown, token: string | undefined): Promise<vscode.Uri> {
    const uri = this.s.jwtDocuments.add(`Token endpoint ${verdict.ok ? 'ok' : 'problems'}`, verdictText(verdict));
    if (token) {
      this.tokens.set(uri.toString(), token);
      if (this.tokens.size > KEPT) this.tokens.delete(this.tokens.keys().next().value as string);
    }
    const viewColumn = this.verdictColumn() ?? vscode.ViewColumn.Beside;
    this.opened.add(uri.toString());
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'jsonc');
    await vscode.window.showTextDocument(document, { preview: true, viewColumn });
    return uri;
  }

  /** The column of a group with a verdict open: Beside the active editor would be beside that verdict, a new group each time. */
  private verdictColumn(): vscode.ViewColumn | undefined {
    const withVerdict = vscode.window.tabGroups.all.filter((g) => g.tabs.some((t) => this.opened.has(tabUri(t))));
    const stillOpen = new Set(withVerdict.flatMap((g) => g.tabs.map(tabUri)));
    for (const uri of this.opened) if (!stillOpen.has(uri)) this.opened.delete(uri); // closed: forgotten, so the set stays small
    return (withVerdict.find((g) => g.isActive) ?? withVerdict[withVerdict.length - 1])?.viewColumn;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const token = this.tokens.get(document.uri.toString());
    if (!token) return [];
    const command = { title: '$(verified) Check with Vonage', command: 'vonage.checkTokenWithVonage', arguments: [{ token, interactive: true }] };
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), command)];
  }

  register(): vscode.Disposable {
    return vscode.languages.registerCodeLensProvider({ scheme: JWT_SCHEME }, this);
  }
}
