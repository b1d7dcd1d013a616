import * as vscode from 'vscode';

/** Signed in at the current base URL: drives the welcome text, the palette's Sign Out and walkthrough step 1. */
export const SIGNED_IN_CONTEXT = 'vonage:signedIn';
/** Set when a command succeeded (never on failure or cancel): each completes its walkthrough step. */
export const HAS_APPLICATION_CONTEXT = 'vonage:hasApplication';
export const HAS_USER_CONTEXT = 'vonage:hasUser';
export const GENERATED_JWT_CONTEXT = 'vonage:generatedJwt';

const values = new Map<string, unknown>();
let sets = 0;

/**
 * Sets a `when`-clause context key and remembers the value: VS Code offers no way to read a
 * context key back, so the extension API exposes what was last set (see VonageExtensionApi).
 */
export async function setContextKey(key: string, value: unknown): Promise<void> {
  values.set(key, value);
  sets++;
  await vscode.commands.executeCommand('setContext', key, value);
}

/** The value last set for a context key by this extension (undefined: never set this session). */
export function contextKeyValue(key: string): unknown {
  return values.get(key);
}

/**
 * Sets a key from a value computed asynchronously, unless some other set happened meanwhile (that
 * one is newer: e.g. a sign-in that finished while a stale "signed out" was still being read).
 */
export async function setContextKeyFrom(key: string, compute: () => Promise<unknown>): Promise<void> {
  const before = sets;
  const value = await compute();
  if (sets === before) await setContextKey(key, value);
}
