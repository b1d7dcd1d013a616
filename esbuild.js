// Bundles the extension: src/extension.ts -> dist/extension.js, src/main.ts -> dist/main.js, src/vonage/nccoValidator.ts ->
// dist/nccoValidator.js and src/vonage/phoneNumberReader.ts -> dist/phoneNumberReader.js (CommonJS, Node, `vscode` external).
//   node esbuild.js               development build with source maps
//   node esbuild.js --production  minified, no source maps, licence notices of bundled deps kept at the end (what `npm run package` ships)
//   node esbuild.js --watch       rebuild on change (used by the F5 launch task)
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the `file:line:col: error: text` shape the $esbuild-watch problem matcher reads. */
const problemMatcherPlugin = {
  name: 'esbuild-problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/** featureLoader.ts's require('./main.js') is the second bundle, beside the first at run time: not bundled into it. */
const mainBundleBeside = {
  name: 'main-bundle-beside',
  setup(build) {
    build.onResolve({ filter: /^\.\/main\.js$/ }, () => ({ path: './main.js', external: true }));
  },
};

/**
 * The bundles beside main.js that it requires on first need, not at load: src/vonage/ncco.ts's
 * require('./nccoValidator') (ajv and the NCCO schema, on the first NCCO check) and src/vonage/numbers.ts's
 * require('./phoneNumberReader') (libphonenumber-js and its metadata, on the first phone number shown or checked).
 */
const LAZY_BUNDLES = ['nccoValidator', 'phoneNumberReader'];
const lazyBundlesBeside = {
  name: 'lazy-bundles-beside',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^\\./(${LAZY_BUNDLES.join('|')})$`) }, (args) => ({ path: `${args.path}.js`, external: true }));
  },
};

const shared = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // The sources write `import vscode = require('vscode')`, which stays a plain require of the API object
  // (`import * as` would have esbuild copy its ~200 properties, ~9 ms in the extension host; eslint.config.mjs).
  external: ['vscode'],
  // node-fetch 2 only falls back to whatwg-url where Node has no URL; see the shim for why.
  // jsonc-parser's "main" is a UMD build whose require('./impl/…') esbuild cannot follow: bundle its ES module build.
  alias: { 'whatwg-url': './scripts/whatwg-url-shim.js', 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: production ? 'eof' : 'inline', // production keeps the licence notices of bundled deps at the end of the shipped files
  logLevel: 'silent',
};

/**
 * Four bundles. dist/extension.js is what VS Code loads in every window: activate() and its stand-ins
 * (src/activation), a few kilobytes. dist/main.js is everything else, loaded on first need, but for
 * dist/nccoValidator.js (ajv and the NCCO schema, a third of main.js's size), loaded on the first NCCO check,
 * and dist/phoneNumberReader.js (libphonenumber-js with its smallest metadata, ~120 kB minified), loaded on the
 * first phone number shown or checked.
 */
const bundles = [
  {
    ...shared,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    plugins: [problemMatcherPlugin, mainBundleBeside],
    // The bundle's first statement: when VS Code started loading the extension. activate() logs
    // "Activated in N ms" from here to its end (load, evaluation and registration all counted).
    banner: { js: '"use strict"; globalThis.__vonageBundleStart = performance.now(); // before esbuild\'s own "use strict", which is then no directive' },
  },
  {
    ...shared,
    entryPoints: ['src/main.ts'],
    outfile: 'dist/main.js',
    plugins: [problemMatcherPlugin, lazyBundlesBeside],
  },
  ...LAZY_BUNDLES.map((name) => ({
    ...shared,
    entryPoints: [`src/vonage/${name}.ts`],
    outfile: `dist/${name}.js`,
    plugins: [problemMatcherPlugin],
  })),
];

async function main() {
  const contexts = await Promise.all(bundles.map((options) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
  } else {
    await Promise.all(contexts.map((ctx) => ctx.rebuild()));
    await Promise.all(contexts.map((ctx) => ctx.dispose()));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
