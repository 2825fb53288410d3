// The pure core: schemas, rules and views. No fetch, no browser APIs, no clock: time is an argument.
export * from './access.ts';
export * from './apply.ts';
export * from './due.ts';
export * from './due-index.ts';
export * from './events.ts';
export * from './lifecycle.ts';
export * from './messages.ts';
export * from './policy.ts';
export * from './schemas.ts';
export * from './state.ts';
export * from './table.ts';
export * from './views.ts';
