// The token endpoint's generator: which backend a folder holds, the files written into it, its dependencies.
// Not in the core's barrel: it loads jsonc-parser, which only Create Token Endpoint needs (imported on use).
export * from './projectProfile';
export * from './endpointPlan';
export * from './projectDependencies';
