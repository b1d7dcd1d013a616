import vscode = require('vscode');

export interface Insertion { uri: vscode.Uri; selections: number; newDocument: boolean }

/**
 * Puts text where the person is working: it replaces every selection of the active editor (an
 * empty selection is just the cursor); with no editor open it opens a new untitled document.
 */
export async function insertIntoEditor(text: string, language = 'plaintext'): Promise<Insertion> {
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const selections = editor.selections;
    const ok = await editor.edit((b) => { for (const s of selections) b.replace(s, text); });
    if (!ok) throw new Error('The editor refused the edit (is it read-only?).');
    return { uri: editor.document.uri, selections: selections.length, newDocument: false };
  }
  const doc = await vscode.workspace.openTextDocument({ content: text, language });
  await vscode.window.showTextDocument(doc);
  return { uri: doc.uri, selections: 1, newDocument: true };
}
