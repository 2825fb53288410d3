// The simulated clock of the long-running simulations (the extension's simulation build, the team server's
// simulation mode): the wall clock plus an offset that testers move forward. The mock networks, the adapters
// and the rules all read it, so a token expires when the rules think it does. The headless simulator needs
// none: its clock is the engine's own.
export class SimClock {
  offset: number;
  private readonly wall: () => number;

  /** `wall` is the real clock (a test passes a fixed one, so simulated instants are exact). */
  constructor(offset = 0, wall: () => number = Date.now) {
    this.offset = offset;
    this.wall = wall;
  }

  readonly now = (): number => this.wall() + this.offset;

  /** When a simulated instant falls on the wall clock (for a job that must wait for it). */
  toWall(at: number): number {
    return at - this.offset;
  }

  /** Forward only: the rules never run backwards. */
  advance(ms: number): void {
    this.offset += Math.max(0, ms);
  }

  /** Forward to `at` (never back). */
  advanceTo(at: number): void {
    this.advance(at - this.now());
  }
}
