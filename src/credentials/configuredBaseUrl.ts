import * as vscode from 'vscode';
import { DEFAULT_BASE_URL } from '../vonage/baseUrls'; // import-free: not the barrel

/** The `vonage.apiBaseUrl` setting, trimmed and without trailing slashes: the key secrets are filed under. */
export function configuredBaseUrl(): string {
  const raw = vscode.workspace.getConfiguration('vonage').get<string>('apiBaseUrl') || DEFAULT_BASE_URL;
  return raw.trim().replace(/\/+$/, '') || DEFAULT_BASE_URL;
}
