import * as vscode from 'vscode';

/** Signed in at the current base URL: drives the welcome text, the palette's Sign Out and walkthrough step 1. */
export const SIGNED_IN_CONTEXT = 'vonage:signedIn';
/** Set when a command succeeded (never on failure or cancel): each completes its walkthrough step. */
export const HAS_APPLICATION_CONTEXT = 'vonage:hasApplication';
export const HAS_USER_CONTEXT = 'vonage:hasUser';
export const GENERATED_JWT_CONTEXT = 'vonage:generatedJwt';

const values = new Map<string, unknown>();
/** How many times each key was set: a computed value is dropped only when its own key was set meanwhile. */
const versions = new Map<string, number>();

/**
 * Sets a `when`-clause context key and remembers the value: VS Code offers no way to read a
 * context key back, so the extension API exposes what was last set (see VonageExtensionApi).
 */
export async function setContextKey(key: string, value: unknown): Promise<void> {
  values.set(key, value);
  versions.set(key, (versions.get(key) ?? 0) + 1);
  await vscode.commands.executeCommand('setContext', key, value);
}

/** The value last set for a context key by this extension (undefined: never set this session). */
export function contextKeyValue(key: string): unknown {
  return values.get(key);
}

/**
 * Sets a key from a value computed asynchronously, unless the same key was set meanwhile (that
 * one is newer: e.g. a sign-in that finished while a stale "signed out" was still being read).
 * Other keys being set meanwhile do not matter.
 */
export async function setContextKeyFrom(key: string, compute: () => Promise<unknown>): Promise<void> {
  const before = versions.get(key) ?? 0;
  const value = await compute();
  if ((versions.get(key) ?? 0) === before) await setContextKey(key, value);
}
