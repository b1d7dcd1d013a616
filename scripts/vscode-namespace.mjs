// The one place the bundle requires `vscode`. esbuild turns `import * as vscode from 'vscode'` in each of
// the ~100 modules into its own copy of every property of the API object (__toESM), which was a third of
// the bundle's load time; modules importing this file share one namespace instead. See esbuild.js.
export * from 'vscode';
