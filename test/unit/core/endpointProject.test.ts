// Create Token Endpoint's decisions, on tables of project files: which backend a folder holds, how its code is
// written (language, module style, runner, folders), and the signing library added to its own dependency list.
import * as assert from 'node:assert/strict';
import {
  detectFrameworks, installCommand, installNote, nodeDependencyEdit, projectProfile, pyprojectPackages, pythonDependencyEdit, requirementsPackages,
  type Framework, type ProjectFiles, type ProjectProfile,
} from '../../../src/vonage/endpoint';

const pkg = (deps: Record<string, string>, extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'app', ...extra, dependencies: deps }, null, 2);
const files = (over: Partial<ProjectFiles> = {}): ProjectFiles => ({ folders: new Set(), ...over });

describe('endpoint: which backend a folder holds', () => {
  const table: [string, Partial<ProjectFiles>, Framework[]][] = [
    ['Express in dependencies', { packageJson: pkg({ express: '^5.1.0' }) }, ['express']],
    ['Fastify in devDependencies', { packageJson: JSON.stringify({ devDependencies: { fastify: '5' } }) }, ['fastify']],
    ['Next.js', { packageJson: pkg({ next: '16.0.0', react: '19' }) }, ['next']],
    ['a package.json naming none of them: plain Node', { packageJson: pkg({ dotenv: '^16' }) }, ['node']],
    ['two of them: both, to be asked', { packageJson: pkg({ express: '5', next: '16' }) }, ['express', 'next']],
    ['FastAPI in requirements.txt', { requirements: 'fastapi==0.110.0\nuvicorn[standard]>=0.29 ; python_version>"3.8"\n' }, ['fastapi']],
    ['Flask in pyproject.toml, one line', { pyproject: '[project]\nname = "api"\ndependencies = ["flask>=3", "gunicorn"]\n' }, ['flask']],
    ['FastAPI under Poetry', { pyproject: '[tool.poetry.dependencies]\npython = "^3.11"\nfastapi = "^0.110"\n' }, ['fastapi']],
    ['a frontend package.json beside a Flask backend: both', { packageJson: pkg({ vite: '5' }), requirements: 'Flask\n' }, ['node', 'flask']],
    ['nothing at all', {}, []],
    ['a flask-login requirement is not Flask', { requirements: 'flask-login\n' }, []],
  ];
  for (const [name, given, want] of table) {
    it(`${name}: ${want.join(', ') || 'none'}`, () => assert.deepEqual(detectFrameworks(files(given)), want));
  }

  it('reads requirement names as pip compares them (case, _ and . as -), and skips comments and options', () => {
    assert.deepEqual([...requirementsPackages('# tools\nPyJWT[crypto]>=2.6\n-r base.txt\nZope.Interface\nmy_pkg\n')], ['pyjwt', 'zope-interface', 'my-pkg']);
    assert.ok(pyprojectPackages('dependencies = [\n  "PyJWT[crypto] >=2.6",\n]\n').has('pyjwt'));
  });

  it('a package.json that is not JSON is said so, not guessed at', () => {
    assert.throws(() => detectFrameworks(files({ packageJson: '{ "dependencies": ' })), /^VonageInputError: package\.json is not valid JSON \(.+\), so its dependencies cannot be read\. Fix it and run the command again\.$/);
  });
});

describe('endpoint: how the project writes its code', () => {
  const profile = (framework: Framework, over: Partial<ProjectFiles>) => projectProfile(files(over), framework);

  it('JavaScript, CommonJS by default, node:test without a test runner, modules in vonage/ (src/vonage/ when there is src/)', () => {
    assert.deepEqual(profile('express', { packageJson: pkg({ express: '5' }) }), {
      framework: 'express', language: 'js', module: 'cjs', testRunner: 'node:test', moduleDir: 'vonage', namespaceImports: false, extensionlessImports: false,
    });
    assert.equal(profile('express', { packageJson: pkg({ express: '5' }), folders: new Set(['src']) }).moduleDir, 'src/vonage');
  });

  it('"type": "module" is ES modules; vitest or jest among the dependencies is the runner', () => {
    const p = profile('fastify', { packageJson: JSON.stringify({ type: 'module', dependencies: { fastify: '5' }, devDependencies: { vitest: '3' } }) });
    assert.equal(p.module, 'esm');
    assert.equal(p.testRunner, 'vitest');
    assert.equal(profile('node', { packageJson: pkg({}, { devDependencies: { jest: '30' } }) }).testRunner, 'jest');
  });

  it('tsconfig.json (or typescript in the dependencies) is TypeScript', () => {
    assert.equal(profile('node', { packageJson: pkg({}), tsconfig: '{}' }).language, 'ts');
    assert.equal(profile('node', { packageJson: pkg({}, { devDependencies: { typescript: '5' } }) }).language, 'ts');
  });

  it('a CommonJS TypeScript project without esModuleInterop imports packages as namespaces; NodeNext, interop or a base config do not', () => {
    const ts = (tsconfig: string) => profile('express', { packageJson: pkg({ express: '5' }), tsconfig }).namespaceImports;
    assert.equal(ts('{ "compilerOptions": { "module": "commonjs" } }'), true);
    assert.equal(ts('{ "compilerOptions": {} } // no module: CommonJS'), true);
    assert.equal(ts('{ "compilerOptions": { "module": "commonjs", "esModuleInterop": true, } }'), false, 'trailing commas and comments are fine');
    assert.equal(ts('{ "compilerOptions": { "module": "NodeNext" } }'), false);
    assert.equal(ts('{ "extends": "@tsconfig/node20/tsconfig.json" }'), false);
  });

  it('Next.js: ES modules, imports without extension, the route in app/ (src/app/ when it is there), the modules in lib/vonage', () => {
    assert.deepEqual(profile('next', { packageJson: pkg({ next: '16' }), tsconfig: '{}' }), {
      framework: 'next', language: 'ts', module: 'esm', testRunner: 'node:test', appDir: 'app', moduleDir: 'lib/vonage', namespaceImports: false, extensionlessImports: true,
    });
    const inSrc = profile('next', { packageJson: pkg({ next: '16' }), folders: new Set(['src', 'src/app']) });
    assert.equal(inSrc.appDir, 'src/app');
    assert.equal(inSrc.moduleDir, 'src/lib/vonage');
  });

  it('Python: pytest, beside the app', () => {
    const p = profile('flask', { requirements: 'flask\n' });
    assert.equal(p.language, 'python');
    assert.equal(p.testRunner, 'pytest');
    assert.equal(p.moduleDir, '');
  });
});

describe('endpoint: the signing library in the project\'s dependencies', () => {
  const js: ProjectProfile = projectProfile(files({ packageJson: '{}' }), 'express');
  const ts: ProjectProfile = { ...js, language: 'ts' };

  it('package.json gets jsonwebtoken (and its types for TypeScript), its indentation, order and line endings kept', () => {
    const text = '{\r\n    "name": "app",\r\n    "dependencies": {\r\n        "express": "^5.1.0"\r\n    }\r\n}\r\n';
    const edit = nodeDependencyEdit(text, ts)!;
    assert.equal(edit.file, 'package.json');
    assert.deepEqual(edit.added, ['jsonwebtoken@^9.0.3', '@types/jsonwebtoken@^9.0.10']);
    assert.equal(edit.text, '{\r\n    "name": "app",\r\n    "dependencies": {\r\n        "express": "^5.1.0",\r\n        "jsonwebtoken": "^9.0.3"\r\n    },\r\n    "devDependencies": {\r\n        "@types/jsonwebtoken": "^9.0.10"\r\n    }\r\n}\r\n');
  });

  it('nothing when it is there already (whatever its version), and no types for JavaScript', () => {
    assert.equal(nodeDependencyEdit(pkg({ jsonwebtoken: '^8' }), js), undefined);
    assert.deepEqual(nodeDependencyEdit(pkg({}), js)?.added, ['jsonwebtoken@^9.0.3']);
  });

  it('requirements.txt gets PyJWT with its crypto extra at the end (a missing final newline added first)', () => {
    assert.deepEqual(pythonDependencyEdit({ requirements: 'flask==3.0' }, 'flask'), { file: 'requirements.txt', text: 'flask==3.0\nPyJWT[crypto]>=2.6,<3\n', added: ['PyJWT[crypto]>=2.6,<3'] });
    assert.equal(pythonDependencyEdit({ requirements: 'flask\npyjwt==2.8\n' }, 'flask'), undefined);
  });

  it('pyproject.toml: into [project] dependencies, one line or several; under Poetry its own line; another layout is left to the person', () => {
    const multi = '[project]\nname = "api"\ndependencies = [\n    "fastapi>=0.100",\n    "uvicorn"\n]\n\n[tool.ruff]\nline-length = 100\n';
    assert.equal((pythonDependencyEdit({ pyproject: multi }, 'fastapi') as { text: string }).text,
      '[project]\nname = "api"\ndependencies = [\n    "fastapi>=0.100",\n    "uvicorn",\n    "PyJWT[crypto]>=2.6,<3",\n]\n\n[tool.ruff]\nline-length = 100\n');
    assert.equal((pythonDependencyEdit({ pyproject: '[project]\ndependencies = ["flask"]\n' }, 'flask') as { text: string }).text, '[project]\ndependencies = ["flask", "PyJWT[crypto]>=2.6,<3"]\n');
    assert.equal((pythonDependencyEdit({ pyproject: '[tool.poetry.dependencies]\nfastapi = "^0.110"\n' }, 'fastapi') as { text: string }).text,
      '[tool.poetry.dependencies]\nPyJWT = { version = ">=2.6,<3", extras = ["crypto"] }\nfastapi = "^0.110"\n');
    assert.deepEqual(pythonDependencyEdit({ pyproject: '[project]\nname = "x"\n# dependencies come from setup.cfg\n' }, 'flask'), { manual: 'PyJWT[crypto]>=2.6,<3' });
    assert.equal((pythonDependencyEdit({ pyproject: '[project]\ndependencies = ["uvicorn[standard]", "fastapi"]  # the API\n' }, 'fastapi') as { text: string }).text,
      '[project]\ndependencies = ["uvicorn[standard]", "fastapi", "PyJWT[crypto]>=2.6,<3"]  # the API\n', 'a ] inside a requirement\'s extras does not end the list');
  });

  it('the install command: the project\'s own package manager', () => {
    const node = (lockfiles: { pnpm: boolean; yarn: boolean }) => installCommand(js, { lockfiles, platform: 'linux' });
    assert.equal(node({ pnpm: false, yarn: false }), 'npm install');
    assert.equal(node({ pnpm: true, yarn: false }), 'pnpm install');
    assert.equal(node({ pnpm: false, yarn: true }), 'yarn install');
  });

  describe('the install command for Python: never the system\'s pip (PEP 668), from the project\'s own dependency file', () => {
    const NONE = { pnpm: false, yarn: false };
    const fastapi = projectProfile(files({ requirements: 'fastapi\n' }), 'fastapi');
    const flask = { ...fastapi, framework: 'flask' as const };
    const VENV = 'python3 -m venv .venv && .venv/bin/python -m pip install';

    it('no virtual environment: one is made in .venv with python3 (Debian, Ubuntu and macOS have no `python`), and everything goes into it', () => {
      assert.equal(installCommand(flask, { lockfiles: NONE, platform: 'linux' }, { requirements: 'Flask>=2.2\nPyJWT[crypto]>=2.6,<3\n' }), `${VENV} -r requirements.txt pytest`);
      assert.equal(installCommand(fastapi, { lockfiles: NONE, platform: 'darwin' }, { requirements: 'fastapi\npytest\n' }), `${VENV} -r requirements.txt httpx`);
      assert.match(installNote(flask, { lockfiles: NONE, platform: 'linux' }) ?? '', /^Install in Terminal makes a virtual environment in \.venv and installs into it: the system's pip refuses to \(PEP 668\)\. On Debian and Ubuntu that needs the python3-venv package\.$/);
    });

    it('the project\'s virtual environment when it has one (.venv or venv): its python, nothing made', () => {
      assert.equal(installCommand(flask, { lockfiles: NONE, platform: 'linux', venvPython: 'venv/bin/python' }, { requirements: 'flask\n' }), 'venv/bin/python -m pip install -r requirements.txt pytest');
      assert.equal(installNote(flask, { lockfiles: NONE, platform: 'linux', venvPython: '.venv/bin/python' }), undefined);
    });

    it('a pyproject.toml\'s [project] dependencies, PyJWT with them (pip cannot install a flat app\'s dependencies by itself); quoted where a shell would read them', () => {
      const pyproject = '[project]\nname = "backend"\ndependencies = [\n    "fastapi>=0.92",\n    "uvicorn",\n]\n';
      assert.equal(installCommand(fastapi, { lockfiles: NONE, platform: 'linux' }, { pyproject }), `${VENV} "fastapi>=0.92" uvicorn "PyJWT[crypto]>=2.6,<3" pytest httpx`);
    });

    it('no dependency file naming the framework: the framework too, so that the generated test can run', () => {
      assert.equal(installCommand(flask, { lockfiles: NONE, platform: 'linux' }, {}), `${VENV} -r requirements.txt flask pytest`);
    });

    it('Poetry and uv projects: their own tool, which keeps its lock file and its environment', () => {
      const poetry = '[tool.poetry.dependencies]\nfastapi = "^0.110"\n';
      assert.equal(installCommand(fastapi, { lockfiles: NONE, platform: 'linux' }, { pyproject: poetry }), 'poetry lock && poetry install && poetry add --group dev pytest httpx');
      assert.equal(installCommand(fastapi, { lockfiles: { ...NONE, uv: true }, platform: 'linux' }, { pyproject: '[project]\ndependencies = ["fastapi", "pytest", "httpx"]\n' }), 'uv sync');
      assert.equal(installCommand(flask, { lockfiles: { ...NONE, uv: true }, platform: 'linux' }, { pyproject: '[project]\ndependencies = ["flask"]\n' }), 'uv add --dev pytest');
      assert.equal(installNote(fastapi, { lockfiles: { ...NONE, uv: true }, platform: 'linux' }, { pyproject: '[project]\ndependencies = ["fastapi"]\n' }), undefined);
      assert.equal(installCommand(flask, { lockfiles: { ...NONE, uv: true }, platform: 'linux' }, { requirements: 'flask\n', pyproject: '[project]\nname = "x"\n' }),
        `${VENV} -r requirements.txt pytest`, 'requirements.txt is the list (it names the framework), which uv sync does not read: pip');
    });

    it('on Windows: py and .venv\\Scripts\\python.exe, one command per line (Windows PowerShell has no &&)', () => {
      assert.equal(installCommand(flask, { lockfiles: NONE, platform: 'win32' }, { requirements: 'flask\n' }), 'py -3 -m venv .venv\n.venv\\Scripts\\python.exe -m pip install -r requirements.txt pytest');
    });
  });
});
