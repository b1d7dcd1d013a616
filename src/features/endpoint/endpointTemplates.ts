import * as fs from 'fs/promises';
import * as path from 'path';

/** The text of one endpoint template, shipped in the extension under media/templates/endpoint/. */
export function templateText(extensionPath: string, template: string): Promise<string> {
  return fs.readFile(path.join(extensionPath, 'media', 'templates', 'endpoint', ...template.split('/')), 'utf8');
}
