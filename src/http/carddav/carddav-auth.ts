// Failed CardDAV sign-ins, counted per IP address: after too many in a minute the address waits, so that app
// passwords cannot be guessed at speed. Successful sign-ins are never slowed.
const WINDOW_MS = 60_000;
const MAX_FAILURES = 10;

export class CardDavAuthLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly max = MAX_FAILURES,
  ) {}

  private recent(ip: string): number[] {
    const cutoff = this.now() - WINDOW_MS;
    const times = (this.failures.get(ip) ?? []).filter((t) => t > cutoff);
    if (times.length === 0) this.failures.delete(ip);
    else this.failures.set(ip, times);
    return times;
  }

  /** Milliseconds this address must wait; 0 when it may try. */
  blockedFor(ip: string): number {
    const times = this.recent(ip);
    return times.length >= this.max ? times[0]! + WINDOW_MS - this.now() : 0;
  }

  fail(ip: string): void {
    const times = this.recent(ip);
    times.push(this.now());
    this.failures.set(ip, times);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value!);
  }
}
