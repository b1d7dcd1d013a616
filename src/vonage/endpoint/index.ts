// The token endpoint's generator: which backend a folder holds, the files written into it, its dependencies.
// Not in the core's barrel: it loads jsonc-parser, which only Create Token Endpoint needs (imported on use).
// The check of a running endpoint (endpointCall, endpointVerdict) loads nothing heavy: the core's barrel has it.
export * from './projectProfile';
export * from './endpointPlan';
export * from './projectDependencies';
