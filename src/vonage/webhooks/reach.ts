// Whether an address can be reached by Vonage: loopback hosts (the sandbox, a server on this machine), and
// the addresses VS Code's asExternalUri gives for a port that only the signed-in person can open.

/** Loopback host names: this machine (localhost, *.localhost, 127.0.0.0/8, ::1). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Why the address VS Code gives for the server's port is of no use to Vonage (a phrase that follows the
 * address: "… is private to you …"), or undefined when it may be used:
 * - a localhost address: Remote-SSH, WSL and containers forward the port to the person's own computer;
 * - a GitHub Codespaces *.app.github.dev address: private to the signed-in user unless the port is made public;
 * - code-server's /proxy/PORT/ (or /absproxy/) path: behind its login.
 * (What VS Code's asExternalUri gives in each: milestone-4-notes, "A URL Vonage can reach".)
 */
export function privacyOf(external: string, port: number, remoteName: string | undefined): string | undefined {
  let url: URL;
  try {
    url = new URL(external);
  } catch {
    return 'is not a URL Vonage could call.';
  }
  if (isLoopbackHost(url.hostname)) return 'is a localhost address on your own computer, which Vonage cannot reach.';
  if (url.hostname.endsWith('.github.dev') || remoteName === 'codespaces') {
    return `is private to you (GitHub asks for your sign-in), so Vonage cannot reach it. Make the port public (gh codespace ports visibility ${port}:public -c $CODESPACE_NAME) and give that address as the public URL, or use a tunnel.`;
  }
  if (/\/(abs)?proxy\/\d+/.test(url.pathname)) return 'goes through code-server\'s proxy, behind its login, so Vonage cannot reach it.';
  return undefined;
}
