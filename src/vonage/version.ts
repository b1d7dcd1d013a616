/** The User-Agent every request carries: names the extension, its version and the Node runtime. */
export function userAgent(extensionVersion: string): string {
  return `vonage-credentials-vscode/${extensionVersion} node/${process.version}`;
}
