export interface ScrapeReadOptions {
  /**
   * How long a scrape waits for a read; past it, the scrape answers with the last value read
   * and the read goes on, for the next scrape. A backlog of 100,000 events takes FerretDB 16 s
   * to count, 24 s to count and date: a scrape must not wait for that (bench/README.md).
   */
  readonly answerWithinMs?: number;
}

/**
 * A read a scrape needs from a dependency (the store, Kafka), made fit for it:
 * - one read at a time: gauges collected together (prom-client collects every metric of a
 *   scrape at once), and scrapes that come while a read is under way, share it;
 * - bounded: a scrape waits `answerWithinMs` at most, then answers with the last value read;
 * - soft: a failed read is `undefined`, so that the gauge shows it does not know (NaN, or no
 *   sample) while the rest of the scrape still answers: a dependency away is when operators
 *   look most.
 */
export function scrapeRead<T>(
  read: () => Promise<T>,
  { answerWithinMs = 2_000 }: ScrapeReadOptions = {},
): () => Promise<T | undefined> {
  let inFlight: Promise<void> | null = null;
  let last: T | undefined;
  return async () => {
    inFlight ??= read()
      .then(
        (value) => {
          last = value;
        },
        () => {
          last = undefined;
        },
      )
      .finally(() => {
        inFlight = null;
      });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      inFlight,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, answerWithinMs);
      }),
    ]);
    clearTimeout(timer);
    return last;
  };
}
