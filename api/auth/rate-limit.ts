/**
 * A small in-memory limiter for failed logins, keyed by user name and client address: after
 * `maxFailures` failures within `windowMs`, further attempts are refused (429) until the oldest
 * failure leaves the window. A success clears the key. Per process: in a cluster each server counts
 * on its own, which still bounds guessing to maxFailures × servers per window.
 */
import type { Clock } from '../../engine/index.js';

export interface LoginLimiterOptions {
  readonly maxFailures?: number;
  readonly windowMs?: number;
}

export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly maxFailures: number;
  private readonly windowMs: number;

  constructor(
    private readonly clock: Clock,
    options: LoginLimiterOptions = {},
  ) {
    this.maxFailures = options.maxFailures ?? 5;
    this.windowMs = options.windowMs ?? 15 * 60_000;
  }

  private recent(key: string): number[] {
    const now = this.clock.now().getTime();
    const kept = (this.failures.get(key) ?? []).filter((time) => time > now - this.windowMs);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept;
  }

  /** Seconds to wait before trying again, or 0 when an attempt is allowed now. */
  retryAfterSeconds(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.maxFailures) return 0;
    const oldest = recent[recent.length - this.maxFailures]!;
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.clock.now().getTime()) / 1000));
  }

  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.clock.now().getTime());
    this.failures.set(key, recent.slice(-this.maxFailures));
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value!);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }
}
