/** How big each benchmark runs: `--smoke` (CI: seconds, so the code cannot rot) or full. */
export interface BenchSizes {
  readonly mode: 'full' | 'smoke';
  readonly concurrency: readonly number[];
  readonly commands: number;
  readonly projectionEvents: number;
  readonly rebuildEvents: number;
  /** How long queries are timed before a rebuild starts, for the p99 to compare with. */
  readonly rebuildQuietMs: number;
  readonly eventsPerPost: number;
  readonly visibleRates: readonly number[];
  readonly visibleSeconds: number;
  readonly streamLengths: readonly number[];
  readonly streamCommands: number;
  /** Events of other posts in the store when a command is measured. */
  readonly storeSizes: readonly number[];
  readonly storeCommands: number;
  /** Unpublished events the relay drains at start, as after Kafka was down. */
  readonly backlogEvents: number;
  /** The change feed: clients on one post-query, commands a second, for how long. */
  readonly liveClients: number;
  readonly liveRate: number;
  readonly liveSeconds: number;
  /** The soak: how long, at how many commands a second, judged in windows of how long. */
  readonly soakMinutes: number;
  readonly soakRate: number;
  readonly soakWindowSeconds: number;
}

export const SIZES: Record<BenchSizes['mode'], BenchSizes> = {
  full: {
    mode: 'full',
    concurrency: [1, 8, 32, 64, 128],
    commands: 1_500,
    projectionEvents: 100_000,
    rebuildEvents: 1_000_000,
    rebuildQuietMs: 20_000,
    eventsPerPost: 100,
    visibleRates: [10, 20, 40],
    visibleSeconds: 15,
    streamLengths: [10, 1_000, 10_000, 100_000],
    streamCommands: 100,
    storeSizes: [10_000, 100_000, 1_000_000],
    storeCommands: 200,
    backlogEvents: 100_000,
    liveClients: 1_000,
    liveRate: 20,
    liveSeconds: 30,
    soakMinutes: 30,
    // Half of what 2 cores saturate at: every process together spends about 16.7 ms of CPU per
    // command and its query, so about 120/s (bench/README.md, the soak's diagnosis).
    soakRate: 60,
    soakWindowSeconds: 60,
  },
  smoke: {
    mode: 'smoke',
    concurrency: [4],
    commands: 60,
    projectionEvents: 1_000,
    rebuildEvents: 1_000,
    rebuildQuietMs: 1_000,
    eventsPerPost: 50,
    visibleRates: [20],
    visibleSeconds: 2,
    streamLengths: [10, 100],
    streamCommands: 5,
    storeSizes: [1_000, 3_000],
    storeCommands: 5,
    backlogEvents: 1_000,
    liveClients: 20,
    liveRate: 10,
    liveSeconds: 2,
    soakMinutes: 0.25,
    soakRate: 20,
    soakWindowSeconds: 3,
  },
};
