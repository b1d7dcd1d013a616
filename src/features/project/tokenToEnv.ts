import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import { variableNameProblem } from '../../vonage/dotenv/envEditor';
import type { Invocation } from '../../ui/commandWrapper';
import { resolveInsideFolder } from '../../workspace/insideFolder';
import { optBoolean, optString, type Args } from '../../ui/args';
import { envNames } from './envSettings';
import { writeProjectFiles, type ProjectFilesResult } from './projectFiles';
import type { Services } from '../../services';
import { folderFromArg, pickWorkspaceFolder } from '../../ui/workspaceFolders';

/**
 * Generate User JWT with `target: 'env'`: the token goes into the folder's .env (`file`, default .env)
 * as `variable` (default the setting vonage.env.names.jwt, VONAGE_JWT), safely (see projectFiles.ts).
 */
export async function writeTokenToEnv(s: Services, inv: Invocation, token: string, args: Args): Promise<{ where: string; result: ProjectFilesResult }> {
  const what = 'Writing the token to .env';
  const folder = folderFromArg(args.folder, what) ?? await pickWorkspaceFolder(inv, { title: 'Generate User JWT' }, what);
  const variable = optString(args, 'variable') ?? envNames().jwt;
  const problem = variableNameProblem(variable);
  if (problem) throw new VonageInputError(problem, 'variable');
  const env = await resolveInsideFolder(folder.uri.fsPath, optString(args, 'file') ?? '.env', 'file');
  const result = await writeProjectFiles(s, inv, { env, values: [[variable, token]] }, optBoolean(args, 'gitignore'));
  return { where: `${env.relative} as ${variable}`, result };
}
