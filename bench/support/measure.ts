import { performance } from 'node:perf_hooks';
import { eventually } from '../../test/support/eventually';

/** Throughput and latency percentiles of one measured run. */
export interface Measure {
  /** Operations (commands, events) per second. */
  readonly perSecond: number;
  readonly count: number;
  readonly seconds: number;
  /** Latency percentiles in milliseconds, when single operations were timed. */
  readonly p50?: number;
  readonly p95?: number;
  readonly p99?: number;
  /** Operations the server refused for overload (503 with Retry-After): not in the rate. */
  readonly refused?: number;
}

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

export function measure(
  count: number,
  seconds: number,
  latenciesMs: number[] = [],
  refused = 0,
): Measure {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    perSecond: round(count / seconds),
    count,
    seconds: round(seconds, 2),
    ...(refused > 0 ? { refused } : {}),
    ...(sorted.length > 0
      ? {
          p50: round(percentile(sorted, 50), 2),
          p95: round(percentile(sorted, 95), 2),
          p99: round(percentile(sorted, 99), 2),
        }
      : {}),
  };
}

/** What an operation may answer besides done: refused for overload, the client told to wait. */
export interface Refused {
  readonly refusedForMs: number;
}

/**
 * Runs `operation` `count` times with `concurrency` workers, timing each; resolves to the
 * throughput and latency percentiles of the operations carried out. A refused operation is
 * counted apart, and its worker waits as told before the next (a client honouring Retry-After).
 */
export async function runConcurrently(
  count: number,
  concurrency: number,
  operation: (index: number) => Promise<void | Refused>,
): Promise<Measure> {
  const latencies: number[] = [];
  let refused = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < count; index = next++) {
        const begin = performance.now();
        const outcome = await operation(index);
        if (outcome === undefined) {
          latencies.push(performance.now() - begin);
          continue;
        }
        refused++;
        await new Promise((resolve) => setTimeout(resolve, outcome.refusedForMs));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return measure(count - refused, seconds, latencies, refused);
}

/** Polls `probe` until it returns true (test/support's `eventually`), failing after `timeoutMs`. */
export const waitUntil = (
  what: string,
  probe: () => Promise<boolean>,
  { timeoutMs = 600_000, intervalMs = 50 } = {},
): Promise<void> =>
  eventually(
    async () => {
      if (!(await probe())) throw new Error(`timed out waiting for ${what}`);
    },
    { timeoutMs, intervalMs },
  );

/** One benchmark's findings, as the report shows them. */
export interface BenchResult {
  readonly name: string;
  readonly description: string;
  readonly rows: readonly BenchRow[];
  /** The target, and whether this run met it. */
  readonly target?: { readonly text: string; readonly met: boolean };
  readonly notes: readonly string[];
}

export interface BenchRow {
  readonly label: string;
  readonly ours: Measure;
  readonly baseline?: Measure;
  /** ours ÷ baseline, in throughput. */
  readonly ratio?: number;
}

export const row = (label: string, ours: Measure, baseline?: Measure): BenchRow => ({
  label,
  ours,
  ...(baseline ? { baseline, ratio: round(ours.perSecond / baseline.perSecond, 2) } : {}),
});
