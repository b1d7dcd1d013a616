import * as path from 'path';
import vscode = require('vscode');
import type { Application } from '../../vonage';
import { type NccoAction, checkedNcco, checkedNccoText } from '../../vonage/ncco';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { Services } from '../../services';
import { type Args, optString } from '../../ui/args';
import { offerAction } from '../../ui/commandWrapper';
import { applicationIdOf } from '../applications/applicationArgs';
import { CallNode } from './callNodes';
import { NccoFileTarget, type NccoFiles, readNccoFile } from './nccoFiles';

/** What a call command acts on: the application, and (from an NCCO file's CodeLens or `nccoFile`) the file. */
export interface CallTarget { applicationId?: string; nccoFile?: vscode.Uri }

/** The application from a tree node or `applicationId`; from an NCCO file's lens, the file and the application it is for. */
export function callTarget(arg: unknown, args: Args, files: NccoFiles): CallTarget {
  const nccoFile = arg instanceof NccoFileTarget ? arg.uri : nccoFileArg(args);
  const applicationId = arg instanceof NccoFileTarget ? undefined : applicationIdOf(arg);
  return { applicationId: applicationId ?? (nccoFile && files.applicationFor(nccoFile)), nccoFile };
}

/**
 * The application, with the voice capability a call needs: the view's copy, or read fresh when that copy has
 * none (it may have been added elsewhere). Without it: one sentence, and the button that adds it (Edit
 * Application, open on the voice capability). Said before anything is sent.
 */
export async function voiceApplication(s: Services, applicationId: string): Promise<Application> {
  const known = s.tree.findApplication(applicationId)?.app;
  if (known?.capabilities?.voice) return known;
  const app = await (await s.session.applications(s.session.baseUrl)).get(applicationId);
  if (app.capabilities?.voice) return app;
  throw offerAction(
    new VonageInputError(`"${app.name}" has no voice capability, so it cannot place calls; nothing was sent. Add it (its answer and event URLs) and call again.`, 'applicationId'),
    'Add the Voice Capability', 'vonage.editApplication', { applicationId, voice: {} },
  );
}

/**
 * The NCCO the call runs, checked against the schema before anything is sent: `ncco` (the actions, or their
 * JSON text), the NCCO file (the editor's text, unsaved changes included), else undefined (the command's own).
 */
export async function nccoToRun(args: Args, target: CallTarget): Promise<NccoAction[] | undefined> {
  if (args.ncco !== undefined && target.nccoFile) throw new VonageInputError('Give the NCCO (ncco) or its file (nccoFile), not both.', 'ncco');
  if (target.nccoFile) return readNccoFile(target.nccoFile);
  if (typeof args.ncco === 'string') return checkedNccoText(args.ncco);
  return args.ncco === undefined ? undefined : checkedNcco(args.ncco);
}

/** A call placed with an NCCO file: the file is "for" that application from now on. */
export async function rememberFile(s: Services, files: NccoFiles, target: CallTarget, applicationId: string): Promise<void> {
  if (target.nccoFile) await files.remember(target.nccoFile, applicationId).catch((e: unknown) => s.log.debug(`Remembering the NCCO file's application failed: ${String(e)}`));
}

/** `nccoFile`: a path (absolute, or relative to the first workspace folder) or a URI. */
export function nccoFileArg(args: Args): vscode.Uri | undefined {
  const value = optString(args, 'nccoFile');
  if (value === undefined) return undefined;
  if (/^[a-z][\w+.-]+:\//i.test(value)) return vscode.Uri.parse(value);
  if (path.isAbsolute(value)) return vscode.Uri.file(value);
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new VonageInputError(`"${value}" is a relative path, and no workspace folder is open to find it in: give the NCCO file's absolute path.`, 'nccoFile');
  return vscode.Uri.joinPath(folder.uri, value);
}

/** The call a command is about: a call node's, or `uuid`. */
export function callUuidOf(arg: unknown, args: Args): string | undefined {
  if (arg instanceof CallNode) return arg.uuid;
  return optString(args, 'uuid');
}
