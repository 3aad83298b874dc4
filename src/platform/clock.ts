/** Where Coral reads the time. Injected everywhere so tests can move time on purpose. */
export interface Clock {
  now(): Date;
}

/**
 * The real clock.
 *
 * @example
 * const clock = createSystemClock();
 * clock.now(); // the current time
 */
export function createSystemClock(): Clock {
  return { now: () => new Date() };
}

/**
 * A clock that only moves when told to, for tests of expiry and lockout.
 *
 * @example
 * const clock = new ManualClock(new Date('2026-01-01T00:00:00Z'));
 * clock.advance({ minutes: 31 });
 */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date = new Date('2026-01-15T09:00:00.000Z')) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(by: { milliseconds?: number; seconds?: number; minutes?: number; hours?: number }): void {
    this.current +=
      (by.milliseconds ?? 0) +
      (by.seconds ?? 0) * 1_000 +
      (by.minutes ?? 0) * 60_000 +
      (by.hours ?? 0) * 3_600_000;
  }
}
