import vscode = require('vscode');
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { Services } from '../../services';
import { argsOf, optString } from '../../ui/args';
import { registerCommand } from '../../ui/commandWrapper';
import { runWizard } from '../../ui/prompts';
import { pickApplicationWithKey } from '../applications/applicationArgs';
import { nccoFileArg } from './callArgs';
import type { CallsFeature } from './callsFeature';
import { isNccoFile } from './nccoFiles';

/**
 * Vonage: Choose the Application of This NCCO File — the file's CodeLens, or `{ nccoFile, applicationId }` →
 * `{ nccoFile, applicationId }`: the application whose calls the file's lenses place and whose users its connect
 * actions are checked against, remembered for the file.
 */
export function registerChooseNccoApplication(s: Services, f: CallsFeature): void {
  registerCommand(s.context, 'vonage.chooseNccoApplication', s, async (arg, inv) => {
    const args = argsOf(arg);
    const uri = arg instanceof vscode.Uri ? arg : nccoFileArg(args) ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri || !isNccoFile(uri)) throw new VonageInputError('Open an NCCO file first (ncco.json, or a name ending in .ncco.json).', 'nccoFile');
    let applicationId = optString(args, 'applicationId');
    await runWizard('NCCO File', [
      {
        skip: () => applicationId !== undefined,
        run: async (info) => { applicationId = (await pickApplicationWithKey(s, inv, info, 'Which application is this NCCO file for? Its calls and users')).id; },
      },
    ]);
    if (!applicationId) throw new VonageInputError('Say which application the file is for (applicationId).', 'applicationId');
    await f.files.remember(uri, applicationId);
    return { nccoFile: uri.toString(), applicationId };
  });
}
