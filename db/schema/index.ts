export * from './events.ts';
export * from './contests.ts';
export * from './judges.ts';
export * from './marks.ts';
export * from './audit.ts';
export * from './auth.ts';
export * from './remarks.ts';
