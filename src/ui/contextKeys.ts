import vscode = require('vscode');

/** Signed in at the current base URL: drives the welcome text, the palette's Sign Out and walkthrough step 1. */
export const SIGNED_IN_CONTEXT = 'vonage:signedIn';
/** Set when a command succeeded (never on failure or cancel): each completes its walkthrough step. */
export const HAS_APPLICATION_CONTEXT = 'vonage:hasApplication';
export const HAS_USER_CONTEXT = 'vonage:hasUser';
export const GENERATED_JWT_CONTEXT = 'vonage:generatedJwt';
/** Set the first time the person hovers a Vonage token, inspects one or regenerates one: completes "Your token in your code". */
export const USED_TOKEN_LENS_CONTEXT = 'vonage:usedTokenLens';
/** The walkthrough's "Conversations" step: a conversation was created. */
export const CREATED_CONVERSATION_CONTEXT = 'vonage:createdConversation';
/** The walkthrough's "Make your app ring" step: a call was placed (Call a User, Call a Phone). */
export const PLACED_CALL_CONTEXT = 'vonage:placedCall';

const values = new Map<string, unknown>();
/**
 * Per key, bumped by every set and by every start of a computed set: a computed value is dropped when
 * its own key was set, or a newer computation of it started, meanwhile. Other keys do not matter.
 */
const versions = new Map<string, number>();

function bump(key: string): number {
  const v = (versions.get(key) ?? 0) + 1;
  versions.set(key, v);
  return v;
}

/**
 * Sets a `when`-clause context key and remembers the value: VS Code offers no way to read a
 * context key back, so the extension API exposes what was last set (see VonageExtensionApi).
 */
export async function setContextKey(key: string, value: unknown): Promise<void> {
  values.set(key, value);
  bump(key);
  await vscode.commands.executeCommand('setContext', key, value);
}

/** Clears a key as if this extension had never set it (the walkthrough step shows as not done again). */
export async function clearContextKey(key: string): Promise<void> {
  values.delete(key);
  bump(key);
  await vscode.commands.executeCommand('setContext', key, undefined);
}

/** The value last set for a context key by this extension (undefined: never set this session). */
export function contextKeyValue(key: string): unknown {
  return values.get(key);
}

/**
 * Sets a key from a value computed asynchronously, unless the same key was set meanwhile (that one is
 * newer: e.g. a sign-in that finished while a stale "signed out" was still being read) or a newer
 * computation of it started (two quick secret changes: the later read wins, whichever ends first).
 * Other keys being set meanwhile do not matter.
 */
export async function setContextKeyFrom(key: string, compute: () => Promise<unknown>): Promise<void> {
  const mine = bump(key);
  const value = await compute();
  if (versions.get(key) === mine) await setContextKey(key, value);
}

/** Sets a key to true unless this extension already did (for walkthrough steps a repeated action must not re-send). */
export function setContextKeyOnce(key: string): void {
  if (values.get(key) === true) return;
  values.set(key, true);
  bump(key);
  void vscode.commands.executeCommand('setContext', key, true);
}
