/** How big each benchmark runs: `--smoke` (CI: seconds, so the code cannot rot) or full. */
export interface BenchSizes {
  readonly mode: 'full' | 'smoke';
  readonly concurrency: readonly number[];
  readonly commands: number;
  readonly projectionEvents: number;
  readonly rebuildEvents: number;
  readonly eventsPerPost: number;
  readonly visibleRates: readonly number[];
  readonly visibleSeconds: number;
  readonly streamLengths: readonly number[];
  readonly streamCommands: number;
}

export const SIZES: Record<BenchSizes['mode'], BenchSizes> = {
  full: {
    mode: 'full',
    concurrency: [1, 8, 32],
    commands: 1_500,
    projectionEvents: 100_000,
    rebuildEvents: 100_000,
    eventsPerPost: 100,
    visibleRates: [10, 20, 40],
    visibleSeconds: 15,
    streamLengths: [10, 1_000, 10_000],
    streamCommands: 50,
  },
  smoke: {
    mode: 'smoke',
    concurrency: [4],
    commands: 60,
    projectionEvents: 1_000,
    rebuildEvents: 1_000,
    eventsPerPost: 50,
    visibleRates: [20],
    visibleSeconds: 2,
    streamLengths: [10, 100],
    streamCommands: 5,
  },
};
