import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PostEventEnvelope } from '@social-posts/post-events';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { Client } from 'pg';
import {
  toEventDocument,
  type EventDocument,
} from '../../apps/post-cmd/src/event-store/event-document';
import { createEventsTopic } from '../../test/support/events-topic';
import {
  isolatedEnvironment,
  type IsolatedEnvironment,
} from '../../test/support/isolated-environment';
import {
  startServiceProcess,
  type ServiceName,
  type ServiceProcess,
} from '../../test/support/service-process';

export const LOG_DIR = join(__dirname, '..', '..', 'reports', 'bench');

/** What a benchmark runs on: its own database, topic, group and read database. */
export interface BenchEnvironment {
  readonly environment: IsolatedEnvironment;
  readonly topic: string;
  readonly kafka: Kafka;
  /**
   * A service as production runs it; `env` on top of the benchmark's variables, `nodeOptions`
   * for node itself (an inspector to measure through).
   */
  start(
    service: ServiceName,
    env?: Readonly<Record<string, string>>,
    options?: { readonly nodeOptions?: readonly string[] },
  ): Promise<ServiceProcess>;
  mongo(): Promise<MongoClient>;
  postgres(): Promise<Client>;
  /** Sum of the read model's post versions: how many events it has applied. */
  projectedEvents(): Promise<number>;
  close(): Promise<void>;
}

/**
 * A benchmark's own database, topic, group and read database on the servers in process.env
 * (a Kafka cluster's brokers too, when set there); `partitions` for the topic, 3 by default.
 */
export async function benchEnvironment(
  label: string,
  { partitions }: { partitions?: number } = {},
): Promise<BenchEnvironment> {
  // Not applied to process.env: the next benchmark's environment is made from the servers' own
  // addresses there. The services get these variables directly.
  const isolated = await isolatedEnvironment(label);
  const variables = {
    ...isolated.variables,
    ...(partitions === undefined ? {} : { KAFKA_TOPIC_PARTITIONS: String(partitions) }),
  };
  const environment: IsolatedEnvironment = {
    variables,
    apply: () => Object.assign(process.env, variables),
    cleanup: () => isolated.cleanup(),
  };
  mkdirSync(LOG_DIR, { recursive: true });
  const topic = environment.variables.KAFKA_TOPIC!;
  const kafka = new Kafka({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  });
  await createEventsTopic(topic, Number(environment.variables.KAFKA_TOPIC_PARTITIONS));
  const services: ServiceProcess[] = [];
  const instances = new Map<ServiceName, number>();
  const clients: { close(): Promise<void> }[] = [];
  let reader: Client | undefined;
  return {
    environment,
    topic,
    kafka,
    start: async (service, env = {}, { nodeOptions = [] } = {}) => {
      // Several instances of a service each have their own log and profile.
      const nth = (instances.get(service) ?? 0) + 1;
      instances.set(service, nth);
      const name = `${label}.${service}${nth === 1 ? '' : `-${nth}`}`;
      // As production runs it (the Dockerfile, `npm start`): the build, NODE_ENV=production,
      // request logs at info. The benchmarks generate load on purpose: rate limits are off.
      const instance = await startServiceProcess(service, {
        logFile: join(LOG_DIR, `${name}.log`),
        built: true,
        env: {
          ...environment.variables,
          NODE_ENV: 'production',
          LOG_LEVEL: 'info',
          RATE_LIMITS: 'off',
          SHUTDOWN_DRAIN_MS: '0',
          ...env,
        },
        nodeOptions: [...profiling(name), ...nodeOptions],
      });
      services.push(instance);
      return instance;
    },
    mongo: async () => {
      const client = await MongoClient.connect(process.env.MONGO_URL!);
      clients.push(client);
      return client;
    },
    postgres: async () => {
      const client = new Client({ connectionString: environment.variables.DATABASE_URL });
      await client.connect();
      clients.push({ close: () => client.end() });
      return client;
    },
    projectedEvents: async () => {
      if (!reader) {
        reader = new Client({ connectionString: environment.variables.DATABASE_URL });
        await reader.connect();
        clients.push({ close: () => reader!.end() });
      }
      const { rows } = await reader.query<{ sum: string | null }>('SELECT sum(version) FROM posts');
      return Number(rows[0]?.sum ?? 0);
    },
    close: async () => {
      for (const service of services) await service.stop();
      for (const client of clients) await client.close();
      await environment.cleanup();
    },
  };
}

/**
 * With BENCH_CPU_PROF=<dir>, each service writes a V8 CPU profile there when it stops
 * (`node --cpu-prof`); scripts/cpu-profile.js summarises one. The profiler adds to the CPU it
 * measures: a profiled run is for where the time goes, its CPU figures are not the results.
 */
const profiling = (name: string): string[] => {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
};

/** Writes events straight into an event store (the setup of a benchmark, not measured). */
export async function seedEventStore(
  mongo: MongoClient,
  database: string,
  events: readonly PostEventEnvelope[],
): Promise<void> {
  const collection = mongo.db(database).collection<EventDocument>('events');
  for (let start = 0; start < events.length; start += 5_000) {
    const documents = events.slice(start, start + 5_000).map((event) => {
      const { outbox: _unpublished, ...document } = toEventDocument(event);
      return { ...document, publishedAt: new Date() };
    });
    await collection.insertMany(documents, { ordered: false });
  }
}
