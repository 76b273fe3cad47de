/**
 * A read a scrape needs from a dependency (the store, Kafka), made fit for it:
 * - gauges collected at once share one read: prom-client collects every metric of a scrape
 *   together, so those started while a read is in flight wait for it instead of reading again;
 * - a failed read is `undefined`, so that the gauge shows it does not know (NaN, or no sample)
 *   while the rest of the scrape still answers: a dependency away is when operators look most.
 */
export function scrapeRead<T>(read: () => Promise<T>): () => Promise<T | undefined> {
  let inFlight: Promise<T | undefined> | null = null;
  return () => {
    inFlight ??= read()
      .catch(() => undefined)
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
}
