interface Entry<T> {
  readonly value: T;
  readonly until: number;
}

/**
 * Values kept for a fixed time. Every entry lives as long, so the map's insertion order is the
 * order they expire in: each `set` drops the expired ones from the front. Memory is then bounded
 * by what arrives within the time, not by everyone ever seen (a person who acts once is not kept
 * for ever).
 */
export class ExpiringMap<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly keepMs: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(id: string): T | undefined {
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    if (entry.until > Date.now()) return entry.value;
    this.entries.delete(id);
    return undefined;
  }

  set(id: string, value: T): void {
    if (this.keepMs <= 0) return;
    const now = Date.now();
    // Re-inserted, so that it moves to the back, among the latest to expire.
    this.entries.delete(id);
    this.entries.set(id, { value, until: now + this.keepMs });
    for (const [oldest, { until }] of this.entries) {
      if (until > now) break;
      this.entries.delete(oldest);
    }
  }

  delete(id: string): void {
    this.entries.delete(id);
  }
}
