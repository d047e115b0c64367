import type { Clock } from '../app/AppDeps';

/** A clock tests move by hand. Starts at `start` (default 2026-11-28T08:00:00Z). */
export class FakeClock implements Clock {
  private t: number;
  constructor(start: Date | string = '2026-11-28T08:00:00.000Z') {
    this.t = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.t);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(date: Date | string): void {
    this.t = new Date(date).getTime();
  }
}
