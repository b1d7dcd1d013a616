import vscode = require('vscode');
import type { Services } from '../../services';
import type { Invocation } from '../../ui/commandWrapper';
import { VonageInputError } from '../../vonage/errors';
import { isLoopbackHost, privacyOf } from '../../vonage/webhooks/reach';
import { TunnelError } from '../../vonage/webhooks/tunnelLauncher';
import { chooseTunnel } from './tunnelChoice';
import type { WebhookHost } from './webhookHost';

/** How the URL Vonage calls was found. */
export type Reach = 'given' | 'local' | 'remote' | 'tunnel' | 'typed';

export interface ReachableUrl { url: string; reach: Reach }

const INSTALL_HINT = 'Install cloudflared, ngrok or devtunnel (the README\'s Webhooks section says how)';

/** What the caller asked for: a URL given, or a tunnel always (true) or never (false); by default as needed. */
export interface ReachOptions { given?: string; tunnel?: boolean }

/**
 * The base URL Vonage can reach the webhook server at, in the order: a URL given; the API host on
 * loopback (the sandbox) → the server's own URL; a remote window → vscode.env.asExternalUri, unless that
 * URL is private to the signed-in user (said plainly); a tunnel program the developer has; a URL typed in.
 * `tunnel: true` goes straight to the tunnel (to try one against the sandbox, say). Found once per server
 * run: a tunnel is started once, and stopped with the server.
 */
export async function reachableBase(s: Services, host: WebhookHost, inv: Invocation, baseUrl: string, opts: ReachOptions = {}): Promise<ReachableUrl> {
  const server = host.running;
  if (!server) throw new Error('The webhook server is not running.');
  if (opts.given !== undefined) return { url: checkedPublicUrl(opts.given), reach: 'given' };
  if (opts.tunnel === true) {
    if (host.tunnel) return { url: host.tunnel.url, reach: 'tunnel' };
    const started = await startChosenTunnel(host);
    if (!started) throw new VonageInputError(`No tunnel program (cloudflared, ngrok, devtunnel) was found on PATH, and the setting vonage.webhooks.tunnel names none. ${INSTALL_HINT}. Nothing was changed at Vonage.`, 'tunnel');
    return started;
  }
  if (host.publicBase && !(opts.tunnel === false && host.tunnel)) return { url: host.publicBase, reach: host.tunnel ? 'tunnel' : 'given' };
  if (apiOnLoopback(baseUrl)) return remember(host, { url: server.url, reach: 'local' });
  let privateNote: string | undefined;
  if (isRemoteWindow()) {
    const external = (await vscode.env.asExternalUri(vscode.Uri.parse(server.url))).toString(true).replace(/\/+$/, '');
    privateNote = privacyOf(external, server.port, vscode.env.remoteName);
    if (!privateNote) return remember(host, { url: external, reach: 'remote' });
    s.log.info(`This window's address for the webhook server is ${external}: it ${privateNote}`);
    if (!inv.scripted) void inv.ui.warn(`VS Code's address for the webhook server, ${external}, ${privateNote}`);
  }
  if (opts.tunnel !== false) {
    const found = await startChosenTunnel(host);
    if (found) return found;
  }
  const why = privateNote ? `VS Code's address for it ${privateNote}` : opts.tunnel === false ? 'No tunnel was to be used.' : 'No tunnel program (cloudflared, ngrok, devtunnel) was found on PATH.';
  if (inv.scripted) throw new VonageInputError(`Vonage cannot reach the webhook server at ${server.url}: ${why} ${INSTALL_HINT}, or give publicUrl.`, 'publicUrl');
  const typed = await inv.ui.input({
    title: 'Route Webhooks Here',
    prompt: `Vonage cannot reach ${server.url}. ${why} Enter a public URL that leads to port ${server.port} of this machine (or ${INSTALL_HINT.toLowerCase()}).`,
    placeholder: 'https://my-tunnel.example.com',
    validate: (v) => publicUrlProblem(v),
  });
  return remember(host, { url: checkedPublicUrl(typed), reach: 'typed' });
}

/** Starts the tunnel program of the setting (or the first on PATH); undefined when there is none. */
async function startChosenTunnel(host: WebhookHost): Promise<ReachableUrl | undefined> {
  const choice = chooseTunnel();
  if (!choice) return undefined;
  try {
    return { url: await host.startTunnel(choice), reach: 'tunnel' };
  } catch (e) {
    if (e instanceof TunnelError) throw new VonageInputError(`${e.message} Nothing was changed at Vonage.`, 'tunnel');
    throw e;
  }
}

function remember(host: WebhookHost, found: ReachableUrl): ReachableUrl {
  host.publicBase = found.url;
  return found;
}

/** Whether the configured API host is this machine (the sandbox, or a stand-in of one). */
export function apiOnLoopback(baseUrl: string): boolean {
  try {
    return isLoopbackHost(new URL(baseUrl).hostname);
  } catch {
    return false;
  }
}

/** A remote window: Remote-SSH, WSL, dev containers, Codespaces (remoteName), or a browser (code-server, vscode.dev). */
function isRemoteWindow(): boolean {
  return vscode.env.remoteName !== undefined || vscode.env.uiKind === vscode.UIKind.Web;
}

function publicUrlProblem(text: string): string | undefined {
  try {
    checkedPublicUrl(text);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** A public base URL as given: http(s), no query or fragment; without its trailing slash. */
export function checkedPublicUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new VonageInputError(`"${text}" is not a URL. Give the public address that leads to the webhook server, e.g. https://my-tunnel.example.com.`, 'publicUrl');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new VonageInputError(`The public URL must start with https:// or http://, not ${url.protocol}//.`, 'publicUrl');
  if (url.search || url.hash) throw new VonageInputError('The public URL is a base address, without a query or #fragment.', 'publicUrl');
  return url.href.replace(/\/+$/, '');
}
