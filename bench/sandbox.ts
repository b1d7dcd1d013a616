// Shared by the benchmarks that talk to the local sandbox: start it (or say the bench is skipped, and why),
// run, and stop it whatever happens.
import type { VonageSandbox } from '../test/sandbox';

/** Runs `bench` against a fresh sandbox (no latency until the bench sets one); undefined when it cannot load. */
export async function withSandbox<T>(name: string, bench: (sb: VonageSandbox) => Promise<T>): Promise<T | undefined> {
  let sandboxModule: typeof import('../test/sandbox');
  try {
    sandboxModule = await import('../test/sandbox');
  } catch (e) {
    console.log(`${name}: skipped, the sandbox (test/sandbox) could not be loaded: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  const sb = await sandboxModule.startSandbox({ latencyMs: 0 });
  try {
    return await bench(sb);
  } finally {
    await sb.stop();
  }
}
