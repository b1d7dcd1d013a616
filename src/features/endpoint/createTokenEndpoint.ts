import * as path from 'path';
import vscode = require('vscode');
import type * as Endpoint from '../../vonage/endpoint';
import type { EndpointSettings, PlannedFile } from '../../vonage/endpoint/endpointPlan';
import type { InstallContext } from '../../vonage/endpoint/projectDependencies';
import type { Framework, ProjectProfile } from '../../vonage/endpoint/projectProfile';
import { VonageInputError } from '../../vonage/errors'; // not the barrel: that loads node-fetch and jsonwebtoken
import type { Services } from '../../services';
import { argsOf, optString } from '../../ui/args';
import { registerCommand, type Invocation } from '../../ui/commandWrapper';
import { setContextKey } from '../../ui/contextKeys';
import { runWizard, type StepInfo } from '../../ui/prompts';
import { applicationIdOf, pickApplication } from '../applications/applicationArgs';
import { envNames } from '../project/envSettings';
import { ttlStep } from '../tokens/jwtSteps';
import { addDependencies, missingEnvVariables } from './endpointDependencies';
import { projectFolderCandidates, projectFolderFromArg, readEndpointProject, type EndpointProject } from './endpointProject';
import { templateText } from './endpointTemplates';
import { onExistingArg, placeFiles, writeNewFile } from './newFiles';

/** Set when an endpoint was generated: completes the walkthrough's "Your backend's token endpoint". */
export const CREATED_TOKEN_ENDPOINT_CONTEXT = 'vonage:createdTokenEndpoint';

const TITLE = 'Create Token Endpoint';
const HOUR = 3600;
const INSTALL = 'Install in Terminal';
const WRITE_ENV = 'Add Credentials to .env';

export interface CreatedEndpoint {
  framework: Framework;
  /** The files written (absolute paths). */
  files: string[];
  /** Files that existed and were left as they are (absolute paths). */
  skipped: string[];
  /** Dependencies added to the project's list (name@range). */
  dependencies: string[];
  /** The command that installs them (offered in a terminal, never run here). */
  install: string;
  /** What to add to the app for the route to answer ("Mount it in your app: app.use(vonageTokenRouter()), from …"). */
  mount: string;
  /** Variables the endpoint reads that the project's .env does not set. */
  envMissing: string[];
}

/**
 * Vonage: Create Token Endpoint — `{ applicationId, folder?, framework?, route?, ttlSeconds?, onExisting? }`
 * → `{ framework, files, skipped, dependencies, install, envMissing }`. Writes a token route into the backend
 * of `folder` (a workspace folder or a folder inside one), in its framework, language and module style,
 * with its test; denies by default until the developer wires their sign-in.
 */
export function registerCreateTokenEndpoint(s: Services): void {
  registerCommand(s.context, 'vonage.createTokenEndpoint', s, async (arg, inv) => {
    const args = argsOf(arg);
    const endpoint = await import('../../vonage/endpoint'); // with jsonc-parser: loaded on first use
    const asked = await askEndpoint(s, endpoint, arg, inv);
    const profile = endpoint.projectProfile(asked.project.files, asked.framework);
    const placed = await placeFiles(asked.project.root, endpoint.planEndpoint(profile, asked.settings.route), inv, onExistingArg(args.onExisting));
    const written: string[] = [];
    const mount = endpoint.mountHint(profile, placed.files, asked.settings.route);
    for (const file of placed.files) {
      if (!placed.skipped.has(file.target)) written.push(await writeFile(s, endpoint, asked.project, file, placed.files, profile, asked.settings));
    }
    const dependencies = await addDependencies(endpoint, asked.project, profile);
    const result: CreatedEndpoint = {
      framework: asked.framework,
      files: written,
      skipped: [...placed.skipped].map((f) => path.join(asked.project.root, f)),
      dependencies: dependencies.added,
      install: endpoint.installCommand(profile, installContext(asked.project), asked.project.files),
      mount: mount.sentence,
      envMissing: await missingEnvVariables(asked.project, asked.settings),
    };
    s.log.info(`Created a token endpoint for ${endpoint.FRAMEWORK_NAMES[asked.framework]} (${asked.settings.route}, ${asked.settings.ttlSeconds} s) in ${asked.project.root}: wrote ${written.length} file(s), skipped ${result.skipped.length} that existed; ${dependencies.added.length ? `added ${dependencies.added.join(', ')} to ${dependencies.file}` : 'no dependency added'}.`);
    await setContextKey(CREATED_TOKEN_ENDPOINT_CONTEXT, true);
    const note = endpoint.installNote(profile, installContext(asked.project), asked.project.files);
    const auth = placed.files.find((f) => f.role === 'auth')!.target;
    if (!inv.scripted) void offerNextSteps(s, inv, asked, result, { auth, mountFile: mount.file, manual: dependencies.manual, note });
    return result;
  });
}

interface AskedEndpoint {
  applicationId: string;
  project: EndpointProject;
  framework: Framework;
  settings: EndpointSettings;
}

/** The application, the project, its framework, the route and the lifetime: from the arguments, else asked. */
async function askEndpoint(s: Services, endpoint: typeof Endpoint, arg: unknown, inv: Invocation): Promise<AskedEndpoint> {
  const args = argsOf(arg);
  let applicationId = applicationIdOf(arg);
  const candidates = args.folder === undefined ? await projectFolderCandidates() : [];
  if (inv.scripted && candidates.length > 1) {
    throw new VonageInputError(`Several folders hold a backend (${candidates.map((c) => path.basename(c.root)).join(', ')}): say which (folder).`, 'folder');
  }
  const folder = await projectFolderFromArg(args.folder) ?? (candidates.length === 1 ? candidates[0] : undefined);
  let project = folder && await readEndpointProject(folder.root, folder.workspaceFolder);
  let framework = frameworkArg(endpoint, args.framework);
  let detected = project && !framework ? onlyFramework(endpoint, project) : undefined;
  let route = optString(args, 'route');
  if (route !== undefined && endpoint.routeProblem(route)) throw new VonageInputError(endpoint.routeProblem(route)!, 'route');
  let ttl = args.ttlSeconds === undefined ? undefined : (await s.session.core()).validateTtl(args.ttlSeconds);
  await runWizard(TITLE, [
    { skip: () => applicationId !== undefined, run: async (info) => { applicationId = (await pickApplication(s, inv, info, 'The application whose users get tokens')).id; } },
    {
      skip: () => project !== undefined,
      run: async (info) => {
        const f = await inv.ui.pick(candidates.map((c) => ({ label: `$(folder) ${path.basename(c.root)}`, description: c.root, value: c })), { ...info, placeholder: 'Which folder holds the backend?' });
        project = await readEndpointProject(f.root, f.workspaceFolder);
        detected = framework ? undefined : onlyFramework(endpoint, project);
      },
    },
    { skip: () => framework !== undefined || detected !== undefined, run: async (info) => { framework = await pickFramework(endpoint, project!, inv, info); } },
    { skip: () => route !== undefined || inv.scripted, run: async (info) => { route = await askRoute(endpoint, inv, info); } },
    { ...ttlStep(s, inv, HOUR, [HOUR, 8 * HOUR, 24 * HOUR], (n) => { ttl = n; }), skip: () => ttl !== undefined || inv.scripted },
  ]);
  if (!applicationId) throw new VonageInputError('Say which application the endpoint gives tokens for (applicationId).', 'applicationId');
  const names = envNames();
  const settings = { route: route ?? endpoint.DEFAULT_ROUTE, ttlSeconds: ttl ?? endpoint.DEFAULT_ENDPOINT_TTL_SECONDS, applicationIdVariable: names.applicationId, privateKeyVariable: names.privateKey };
  return { applicationId, project: project!, framework: framework ?? detected!, settings };
}

function frameworkArg(endpoint: typeof Endpoint, value: unknown): Framework | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && (endpoint.FRAMEWORKS as readonly string[]).includes(value)) return value as Framework;
  throw new VonageInputError(`The framework ${JSON.stringify(value)} is not one this command writes for. Give one of ${endpoint.FRAMEWORKS.join(', ')}.`, 'framework');
}

/** The framework when the folder names exactly one; undefined when it names none or several (then it is asked). */
function onlyFramework(endpoint: typeof Endpoint, project: EndpointProject): Framework | undefined {
  const found = endpoint.detectFrameworks(project.files);
  return found.length === 1 ? found[0] : undefined;
}

async function pickFramework(endpoint: typeof Endpoint, project: EndpointProject, inv: Invocation, info: StepInfo): Promise<Framework> {
  const found = endpoint.detectFrameworks(project.files);
  const where = path.basename(project.root);
  if (inv.scripted) {
    throw new VonageInputError(found.length
      ? `${where} holds ${found.map((f) => endpoint.FRAMEWORK_NAMES[f]).join(' and ')}: say which the endpoint is for (framework: ${found.join(' or ')}).`
      : `No backend found in ${where}: no package.json, pyproject.toml or requirements.txt. Give the framework (one of ${endpoint.FRAMEWORKS.join(', ')}).`, 'framework');
  }
  const offered = found.length ? found : endpoint.FRAMEWORKS;
  const items = offered.map((f) => ({ label: endpoint.FRAMEWORK_NAMES[f], description: found.includes(f) ? `found in ${where}` : undefined, value: f }));
  return inv.ui.pick(items, { ...info, placeholder: found.length ? `${where} holds several backends: which one gets the endpoint?` : `No backend found in ${where}: which framework does it use?` });
}

function askRoute(endpoint: typeof Endpoint, inv: Invocation, info: StepInfo): Promise<string> {
  return inv.ui.input({ ...info, prompt: 'The route that gives tokens (POST)', value: endpoint.DEFAULT_ROUTE, validate: (v) => endpoint.routeProblem(v.trim()) }).then((v) => v.trim());
}

async function writeFile(s: Services, endpoint: typeof Endpoint, project: EndpointProject, file: PlannedFile, files: readonly PlannedFile[], profile: ProjectProfile, settings: EndpointSettings): Promise<string> {
  const template = await templateText(s.context.extensionPath, file.template);
  return writeNewFile(project.root, file.target, endpoint.renderEndpointFile(template, file, files, profile, settings));
}

/** What the notification after Create Token Endpoint offers: files relative to the project. */
interface NextSteps {
  /** The sign-in to finish: opened. */
  auth: string;
  /** The file to open for mounting the route (Open …). */
  mountFile: string;
  /** What to add to the dependencies by hand, when the file's layout could not be edited. */
  manual?: string;
  /** What Install in Terminal will do that the person should know first (a virtual environment made). */
  note?: string;
}

function createdMessage(result: CreatedEndpoint, next: NextSteps): string {
  const files = `${result.files.length} files${result.skipped.length ? `, ${result.skipped.length} existing kept` : ''}`;
  const manual = next.manual ? ` Add ${next.manual} to your dependencies.` : '';
  const note = next.note ? ` ${next.note}` : '';
  return `Created the token endpoint (${files}). ${result.mount} It answers 401 until you wire your sign-in in ${path.basename(next.auth)}.${manual}${note}`;
}

/** By hand: the sign-in file to finish opens; how to mount the route is said; installing and the .env are offered, never done unasked. */
async function offerNextSteps(s: Services, inv: Invocation, asked: AskedEndpoint, result: CreatedEndpoint, next: NextSteps): Promise<void> {
  const inProject = (file: string) => vscode.Uri.file(path.join(asked.project.root, file));
  try {
    await vscode.window.showTextDocument(inProject(next.auth), { preview: false });
    const open = `Open ${path.basename(next.mountFile)}`;
    const choice = await inv.ui.info(createdMessage(result, next), open, INSTALL, ...(result.envMissing.length ? [WRITE_ENV] : []));
    if (choice === open) await vscode.window.showTextDocument(inProject(next.mountFile), { preview: false });
    if (choice === INSTALL) installInTerminal(asked.project.root, result.install);
    if (choice === WRITE_ENV) await writeEnvFor(asked);
  } catch (e) {
    s.log.error('Offering the next steps of Create Token Endpoint failed', e);
  }
}

/** Add Credentials to .env, by hand, into the project's folder (a subfolder of the workspace folder too). */
async function writeEnvFor(asked: AskedEndpoint): Promise<void> {
  const rel = path.relative(asked.project.workspaceFolder.uri.fsPath, asked.project.root);
  const inFolder = (name: string) => (rel ? `${rel.split(path.sep).join('/')}/${name}` : name);
  await vscode.commands.executeCommand('vonage.writeEnv', { applicationId: asked.applicationId, folder: asked.project.workspaceFolder.uri.fsPath, file: inFolder('.env'), privateKeyFile: inFolder('private.key'), interactive: true });
}

/** What the install command depends on besides the project's files: its lock files, its virtual environment, the OS. */
function installContext(project: EndpointProject): InstallContext {
  return { lockfiles: project.lockfiles, venvPython: project.venvPython, platform: process.platform };
}

/** Runs the install command in a terminal the person sees (and can stop). */
function installInTerminal(cwd: string, command: string): void {
  const terminal = vscode.window.createTerminal({ name: 'Vonage: install', cwd });
  terminal.show();
  terminal.sendText(command);
}
