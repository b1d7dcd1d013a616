// What every contract suite does alike: skip (loudly) or fail without the documents, and read a call's rejection.
import * as assert from 'node:assert/strict';
import { VonageApiError } from '../../src/vonage';
import { missingDocs } from './prism';

/**
 * In a suite's `before`: without the documents the suite fails in CI (env CI=true) and is skipped
 * elsewhere, with a message no one misses. `what` names the suite in that message.
 */
export function requireDocs(ctx: Mocha.Context, docs: string[] | undefined, what: string): void {
  const missing = missingDocs(docs);
  if (!missing) return;
  if (process.env.CI === 'true') throw new Error(missing);
  console.error(`\n!!! ${what} SKIPPED !!!\n!!! ${missing}\n!!! (with CI=true this fails)\n`);
  ctx.skip();
}

/** The VonageApiError a call ends with (the test fails when it succeeds, or fails otherwise). */
export async function rejection(p: Promise<unknown>): Promise<VonageApiError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof VonageApiError, `expected a VonageApiError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the call to fail');
}
