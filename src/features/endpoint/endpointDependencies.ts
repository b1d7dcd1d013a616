// After the files: the signing library in the project's dependency list (edited in place), and whether
// the .env has what the endpoint reads. Installing is never done here: it is offered, in a terminal.
import * as fs from 'fs/promises';
import * as path from 'path';
import { parse } from 'dotenv';
import type * as Endpoint from '../../vonage/endpoint';
import { keyFileVariable, type EndpointSettings } from '../../vonage/endpoint/endpointPlan'; // pure, and without jsonc-parser
import type { ProjectProfile } from '../../vonage/endpoint/projectProfile';
import { writeFileAtomic } from '../../workspace/atomicWrite';
import type { EndpointProject } from './endpointProject';
import { writeNewFile } from './newFiles';

export interface DependenciesAdded {
  /** Relative to the project folder; undefined when nothing was added. */
  file?: string;
  added: string[];
  /** What to add by hand when the file's layout cannot be edited safely. */
  manual?: string;
}

/** Adds the signing library to package.json, requirements.txt or pyproject.toml where it is missing. */
export async function addDependencies(endpoint: typeof Endpoint, project: EndpointProject, profile: ProjectProfile): Promise<DependenciesAdded> {
  const files = project.files;
  const edit = profile.language === 'python'
    ? endpoint.pythonDependencyEdit(files, profile.framework)
    : files.packageJson === undefined ? undefined : endpoint.nodeDependencyEdit(files.packageJson, profile);
  if (edit === undefined) return { added: [] };
  if ('manual' in edit) return { added: [], manual: edit.manual };
  const read = { 'package.json': files.packageJson, 'requirements.txt': files.requirements, 'pyproject.toml': files.pyproject }[edit.file];
  if (read !== undefined) await writeFileAtomic(path.join(project.root, edit.file), edit.text, { newFileMode: 0o644 }); // it was there when the project was read
  else await writeNewFile(project.root, edit.file, edit.text);
  return { file: edit.file, added: edit.added };
}

/** The variables the endpoint reads that the project's .env does not set (all of them when there is no .env). */
export async function missingEnvVariables(project: EndpointProject, names: Pick<EndpointSettings, 'applicationIdVariable' | 'privateKeyVariable'>): Promise<string[]> {
  const text = await fs.readFile(path.join(project.root, '.env'), 'utf8').catch(() => '');
  const values = parse(text);
  const set = (name: string) => Boolean(values[name]?.trim());
  const missing: string[] = [];
  if (!set(names.applicationIdVariable)) missing.push(names.applicationIdVariable);
  if (!set(names.privateKeyVariable) && !set(keyFileVariable(names.privateKeyVariable))) missing.push(names.privateKeyVariable);
  return missing;
}
