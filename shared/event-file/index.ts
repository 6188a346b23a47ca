// The event file (CONTRACT §4): shapes, cross-field rules, advice and the parser that runs them.
export * from './schema.ts';
export * from './rules.ts';
export * from './warnings.ts';
export * from './parse.ts';
