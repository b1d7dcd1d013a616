// Bundles the extension: src/extension.ts -> dist/extension.js (CommonJS, Node, `vscode` external).
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

/** Every `import … from 'vscode'` but the one in scripts/vscode-namespace.mjs resolves to that file (one copy of the API's names). */
const oneVscodeNamespace = {
  name: 'one-vscode-namespace',
  setup(build) {
    const namespaceFile = require('path').join(__dirname, 'scripts', 'vscode-namespace.mjs');
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.importer === namespaceFile ? { path: 'vscode', external: true } : { path: namespaceFile }));
  },
};

async function main() {
  const ctx = await esbuild.context({
    entryPoints: ['src/extension.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: 'dist/extension.js',
    external: ['vscode'],
    // node-fetch 2 only falls back to whatwg-url where Node has no URL; see the shim for why.
    // jsonc-parser's "main" is a UMD build whose require('./impl/…') esbuild cannot follow: bundle its ES module build.
    alias: { 'whatwg-url': './scripts/whatwg-url-shim.js', 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    legalComments: production ? 'eof' : 'inline', // production keeps the licence notices of bundled deps at the end of the one shipped file
    logLevel: 'silent',
    plugins: [problemMatcherPlugin, oneVscodeNamespace],
    // The bundle's first statement: when VS Code started loading the extension. activate() logs
    // "Activated in N ms" from here to its end (load, evaluation and registration all counted).
    banner: { js: '"use strict"; globalThis.__vonageBundleStart = performance.now(); // before esbuild\'s own "use strict", which is then no directive' },
  });
  if (watch) {
    await ctx.watch();
  } else {
    await ctx.rebuild();
    await ctx.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
