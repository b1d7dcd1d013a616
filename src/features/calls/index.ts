import vscode = require('vscode');
import type { Services } from '../../services';
import { ApplicationNode } from '../applications/applicationNode';
import type { ConversationsFeature } from '../conversations';
import type { NumbersFeature } from '../numbers/numbersFeature';
import { ApplicationCalls } from './applicationCalls';
import { CallsGroupNode } from './callNodes';
import { registerCallPhone } from './callPhone';
import type { CallsFeature } from './callsFeature';
import { registerCallUser } from './callUser';
import { registerChooseNccoApplication } from './chooseNccoApplication';
import { registerHangUpCall } from './hangUpCall';
import { registerListCalls } from './listCalls';
import { registerLoadMoreCalls } from './loadMoreCalls';
import { NCCO_FILES, NccoLens } from './nccoLens';
import { NccoFiles } from './nccoFiles';
import { NccoUserWarnings } from './nccoUserWarnings';
import { registerNewNcco } from './newNcco';
import { registerOpenCallEvents } from './openCallEvents';

/**
 * Calls: under each application its Voice API calls (newest first, live ones followed, Hang Up, a click opens the
 * call's conversation in the events timeline); Call a User, Call a Phone, List Calls, Hang Up Call; NCCO files
 * (schema from package.json's jsonValidation, New NCCO File, their CodeLens and the unknown-user warnings).
 */
export function registerCallsFeature(s: Services, uses: { numbers: NumbersFeature; conversations: ConversationsFeature }): CallsFeature {
  const calls = new ApplicationCalls(s);
  const files = new NccoFiles(s.context.workspaceState, () => s.session.baseUrl);
  const userWarnings = new NccoUserWarnings(s, files);
  const lens = new NccoLens(files, s.tree);
  const f: CallsFeature = { calls, files, userWarnings, ...uses };
  s.context.subscriptions.push(
    calls.live, files, userWarnings, lens,
    s.tree.extend(ApplicationNode, calls.application),
    s.tree.extend(CallsGroupNode, calls.group),
    vscode.languages.registerCodeLensProvider(NCCO_FILES, lens),
  );
  registerCallUser(s, f);
  registerCallPhone(s, f);
  registerListCalls(s, f);
  registerHangUpCall(s, f);
  registerLoadMoreCalls(s, f);
  registerOpenCallEvents(s, f);
  registerNewNcco(s);
  registerChooseNccoApplication(s, f);
  return f;
}
