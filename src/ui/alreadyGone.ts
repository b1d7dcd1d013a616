import type { Log } from './log';

/**
 * Runs a delete at Vonage. A 404 means it is already gone (deleted elsewhere), which is what the
 * caller wanted: logged, not thrown, so the caller removes it here too. Anything else is thrown.
 */
export async function deleteAllowingGone(log: Log, what: string, del: () => Promise<void>): Promise<void> {
  try {
    await del();
  } catch (e) {
    if ((e as { kind?: unknown } | undefined)?.kind !== 'notFound') throw e;
    log.warn(`${what} was already deleted (404); removing it here too.`);
  }
}
