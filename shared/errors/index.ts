// Refusals and validation issues as codes and params (CONTRACT §2, v1.1), shared by server and web.
export * from './params.ts';
export * from './errors.ts';
export * from './issues.ts';
export * from './zod.ts';
