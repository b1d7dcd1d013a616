// The domain core: plain Node, no `vscode`. Everyone imports from here.
export * from './errors';
export * from './httpClient';
export * from './applicationsClient';
export * from './usersClient';
export * from './keys';
export * from './jwt';
export * from './version';
export * from './urls';
export * from './capabilities';
export * from './tokens/scanner';
export * from './tokens/rescan';
export * from './tokens/changes';
export * from './tokens/verdict';
export * from './tokens/renewal';
export * from './tokens/renewMany';
export * from './tokens/signature';
export * from './tokens/time';
