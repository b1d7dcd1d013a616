// `npm run sandbox [-- --port 3100 --latency 50 --api-key K --api-secret S]`: the sandbox as a process.
// State lives in memory; Ctrl-C (SIGINT) or SIGTERM stops it cleanly.
import { SECOND_DEMO_ACCOUNT, startSandbox } from './server';
import type { SandboxOptions } from './types';

function usage(message: string): never {
  console.error(`${message}\nUsage: npm run sandbox -- [--port <n>] [--latency <ms>] [--api-key <key>] [--api-secret <secret>]`);
  process.exit(2);
}

function parseArgs(argv: string[]): SandboxOptions {
  const opts: SandboxOptions = { port: 3100, voiceClock: 'real' }; // a person tries calls by hand: the voice clock follows the wall clock
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) usage(`${flag} needs a value.`);
      return v;
    };
    const int = (v: string, name: string, min: number, max: number): number => {
      if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) usage(`${name} must be an integer from ${min} to ${max}, got "${v}".`);
      return Number(v);
    };
    switch (flag) {
      case '--port': opts.port = int(value(), '--port', 0, 65535); break;
      case '--latency': opts.latencyMs = int(value(), '--latency', 0, 600000); break;
      case '--api-key': opts.apiKey = value(); break;
      case '--api-secret': opts.apiSecret = value(); break;
      case '--help': case '-h': usage('Starts a local stand-in of the Vonage API on 127.0.0.1.'); break;
      default: usage(`Unknown option ${flag}.`);
    }
  }
  return opts;
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  startSandbox(opts).then((sandbox) => {
    console.log(`Vonage sandbox listening on ${sandbox.url}`);
    console.log(`API key: ${sandbox.apiKey}`);
    console.log(`API secret: ${sandbox.apiSecret}`);
    console.log(`Signature secret: ${sandbox.signatureSecret()}`);
    sandbox.addAccount(SECOND_DEMO_ACCOUNT.apiKey, SECOND_DEMO_ACCOUNT.apiSecret);
    console.log(`A second account, to try Switch Account: ${SECOND_DEMO_ACCOUNT.apiKey} / ${SECOND_DEMO_ACCOUNT.apiSecret} (signature secret ${sandbox.signatureSecret(SECOND_DEMO_ACCOUNT.apiKey)})`);
    console.log(`Point both vonage.apiBaseUrl and vonage.restBaseUrl (numbers, balance) at ${sandbox.url}.`);
    console.log(`A Client SDK login: POST ${sandbox.url}/_sandbox/login {"token": "<a user JWT>"} -> 201 {id, user_id} or 401 {reason}.`);
    for (const line of sandbox.voice.banner(sandbox.url)) console.log(line);
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`Vonage sandbox stopping (${signal}).`);
      sandbox.stop().then(() => process.exit(0), () => process.exit(1));
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  }, (e: unknown) => {
    const code = (e as NodeJS.ErrnoException).code;
    console.error(code === 'EADDRINUSE' ? `Port ${opts.port} is in use: pick another with --port <n>.` : `Could not start the sandbox: ${String(e)}`);
    process.exit(1);
  });
}

main();
