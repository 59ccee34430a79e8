// A per-key request limit over a sliding minute, for what @fastify/rate-limit's per-address limits cannot express
// (the public RSVP form's limit per event).
/**
 * Requests allowed per key (an event's slug) in any sliding minute. A sliding-window counter: the previous fixed
 * window's count weighs by how much of it the sliding window still covers. Counted in this server process's memory
 * only: each process of a multi-process deployment counts its own.
 */
export class SlidingWindowLimit {
  private readonly windows = new Map<string, { start: number; current: number; previous: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request for `key` at `nowMs`: 0 when allowed, else the whole seconds to wait (the request is not counted). */
  hit(key: string, nowMs: number): number {
    const start = nowMs - (nowMs % this.windowMs);
    const known = this.windows.get(key);
    const w =
      !known || start - known.start >= 2 * this.windowMs
        ? { start, current: 0, previous: 0 }
        : start === known.start
          ? known
          : { start, current: 0, previous: known.current };
    this.windows.set(key, w);
    const elapsed = nowMs - start;
    if (w.previous * (1 - elapsed / this.windowMs) + w.current >= this.max) {
      // Until the estimate drops below the limit: later in this window, or (when this window alone is full) in the next.
      const waitMs = w.current < this.max ? (this.windowMs * (w.previous - this.max + w.current)) / w.previous - elapsed : this.windowMs - elapsed + (this.windowMs * (w.current - this.max)) / w.current;
      return Math.max(1, Math.ceil(waitMs / 1000));
    }
    w.current += 1;
    if (this.windows.size > 1000) this.forgetBefore(start - this.windowMs);
    return 0;
  }

  private forgetBefore(start: number): void {
    for (const [key, w] of this.windows) if (w.start < start) this.windows.delete(key);
  }
}
