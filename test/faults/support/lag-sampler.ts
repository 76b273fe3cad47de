import { Kafka, logLevel, type Admin } from 'kafkajs';

/**
 * The consumer group's lag (messages on the topic it has not committed), sampled every second
 * while a scenario runs, to show how fast the read side recovers from a fault. A sample the
 * cluster could not answer (leaders moving) is a gap, not a zero.
 */
export class LagSampler {
  private readonly samples: (number | undefined)[] = [];
  private readonly admin: Admin;
  private timer: NodeJS.Timeout | undefined;
  private sampling = false;

  constructor(
    private readonly group: string,
    private readonly topic: string,
    brokers: string,
  ) {
    this.admin = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  }

  async start(): Promise<void> {
    await this.admin.connect();
    this.timer = setInterval(() => void this.sample(), 1_000);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.admin.disconnect();
  }

  /** One line for the report: every sample, the peak, and how long after it the lag was 0. */
  summary(): string {
    const shown = this.samples.map((lag) => (lag === undefined ? '?' : String(lag))).join(' ');
    const known = this.samples.flatMap((lag, second) =>
      lag === undefined ? [] : [{ lag, second }],
    );
    const peak = known.reduce((top, sample) => (sample.lag > top.lag ? sample : top), {
      lag: 0,
      second: 0,
    });
    const drained = known.find((sample) => sample.second > peak.second && sample.lag === 0);
    const recovery =
      drained === undefined
        ? 'not back to 0 while sampled'
        : `back to 0 ${drained.second - peak.second} s after the peak`;
    return `consumer lag each second (messages): ${shown}; peak ${peak.lag} at ${peak.second} s, ${recovery}`;
  }

  private async sample(): Promise<void> {
    if (this.sampling) {
      this.samples.push(undefined);
      return;
    }
    this.sampling = true;
    const second = this.samples.length;
    this.samples.push(undefined);
    try {
      // One after the other: asked together on a fresh connection, kafkajs empties its broker pool.
      const ends = await this.admin.fetchTopicOffsets(this.topic);
      const [committed] = await this.admin.fetchOffsets({
        groupId: this.group,
        topics: [this.topic],
      });
      this.samples[second] = ends.reduce((lag, { partition, high, low }) => {
        const offset = Number(
          committed?.partitions.find((p) => p.partition === partition)?.offset ?? -1,
        );
        // The group may commit between the two reads: never below 0.
        return lag + Math.max(0, Number(high) - (offset >= 0 ? offset : Number(low)));
      }, 0);
    } catch {
      // Left a gap.
    } finally {
      this.sampling = false;
    }
  }
}
