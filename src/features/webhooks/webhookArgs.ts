import vscode = require('vscode');
import type { Services } from '../../services';
import { NotSignedInError } from '../../credentials/session';
import { VonageInputError } from '../../vonage/errors';
import type { Args } from '../../ui/args';
import type { AccountRef } from './webhookRouter';
import { CallbackDocuments } from './callbackDocuments';
import { CallbackNode } from './webhooksTree';

/** The configured base URL and its active account (the account an application is routed from). */
export async function activeAccount(s: Services): Promise<AccountRef> {
  const baseUrl = s.session.baseUrl;
  const account = await s.store.activeAccount(baseUrl);
  if (!account) throw new NotSignedInError(baseUrl);
  return { baseUrl, apiKey: account.apiKey };
}

/** An optional port argument: a whole number from 1 to 65535. */
export function optPort(args: Args): number | undefined {
  const v = args.port;
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 65535) {
    throw new VonageInputError(`The port must be a whole number from 1 to 65535, not ${JSON.stringify(v)}; leave it out for a free one.`, 'port');
  }
  return v;
}

/** The callback a command is about: a row of the Webhooks view, `{id}`, else the callback document in the editor. */
export function callbackIdOf(arg: unknown, args: Args): string | undefined {
  if (arg instanceof CallbackNode) return arg.record.id;
  if (typeof args.id === 'string') return args.id;
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  return uri ? CallbackDocuments.idOf(uri) : undefined;
}
