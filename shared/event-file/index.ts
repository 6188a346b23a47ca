// The event file (CONTRACT §4): shapes, cross-field rules and the parser that runs both.
export * from './schema.ts';
export * from './rules.ts';
export * from './parse.ts';
