// The demo team lives in sim/demo.ts, shared with the team server's simulation mode.
export * from '../../sim/demo.ts';
