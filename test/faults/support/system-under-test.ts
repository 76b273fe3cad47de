import { mkdirSync } from 'node:fs';
import { ensurePostEventsTopic } from '@social-posts/post-events';
import { Kafka, logLevel } from 'kafkajs';
import { join } from 'node:path';
import { consumedToTheEnd } from '../../support/consumer-lag';
import { eventually } from '../../support/eventually';
import { isolatedEnvironment, type IsolatedEnvironment } from '../../support/isolated-environment';
import { startServiceProcess, type ServiceProcess } from '../../support/service-process';
import { readTopic, type TopicReader } from '../../support/topic-reader';
import { audit, type Audit } from './audit';
import { CommandLoad } from './command-load';
import type { ExpectedPost } from './expected-posts';
import { REPORT_DIR } from './scenario-report';

/** `FAULTS_MODE=long` (npm run faults -- --long) runs bigger loads for longer. */
export const MODE = process.env.FAULTS_MODE === 'long' ? 'long' : 'short';

export const SIZES = {
  short: { posts: 6, loadMs: 12_000, faultAtMs: 3_000, downMs: 4_000, settleMs: 120_000 },
  long: { posts: 24, loadMs: 60_000, faultAtMs: 15_000, downMs: 15_000, settleMs: 300_000 },
}[MODE];

/**
 * Every simulated client sends from 127.0.0.1: the per-address limit is raised for them, as an
 * operator would for a known gateway. Per-user limits stay at their defaults.
 */
export const LOAD_FROM_ONE_ADDRESS = { RATE_LIMIT_PER_ADDRESS: '1000000' };

/** Both services as real processes over the real servers, in an environment of their own. */
export interface SystemUnderTest {
  readonly environment: IsolatedEnvironment;
  readonly postCmd: ServiceProcess;
  readonly postQuery: ServiceProcess;
  /** A client load on post-cmd, its posts created by the time this resolves. */
  load(label: string): Promise<CommandLoad>;
  /** Waits until the system is idle (everything stored is projected), then audits the posts. */
  settle(posts: readonly ExpectedPost[]): Promise<Audit>;
  close(): Promise<void>;
}

export async function startSystem(label: string): Promise<SystemUnderTest> {
  const environment = await isolatedEnvironment(label);
  environment.apply();
  const { KAFKA_TOPIC: topic, KAFKA_GROUP_ID: group, MONGO_DATABASE } = environment.variables;
  // Created before anyone subscribes, so the reader sees the topic from its first message.
  await createTopic(topic!, Number(environment.variables.KAFKA_TOPIC_PARTITIONS));
  const reader: TopicReader = await readTopic(topic!);
  mkdirSync(REPORT_DIR, { recursive: true });
  const logFile = (service: string) => join(REPORT_DIR, `${label}.${service}.log`);
  const postCmd = await startServiceProcess('post-cmd', {
    logFile: logFile('post-cmd'),
    env: LOAD_FROM_ONE_ADDRESS,
  });
  const postQuery = await startServiceProcess('post-query', {
    logFile: logFile('post-query'),
  }).catch(async (error: unknown) => {
    await postCmd.stop();
    throw error;
  });

  const auditNow = (posts: readonly ExpectedPost[]) =>
    audit(posts, {
      mongoUrl: process.env.MONGO_URL!,
      mongoDatabase: MONGO_DATABASE!,
      queryApi: () => postQuery.api,
      topicMessages: reader.messages,
    });

  return {
    environment,
    postCmd,
    postQuery,
    load: async (name) => {
      const load = new CommandLoad(() => postCmd.api, name);
      await load.createPosts(SIZES.posts);
      return load;
    },
    settle: async (posts) => {
      try {
        return await eventually(
          async () => {
            const result = await auditNow(posts);
            if (result.lost + result.doubled > 0) throw new Error('not caught up yet');
            if (!(await consumedToTheEnd(group!, topic!))) throw new Error('consumer lagging');
            return result;
          },
          { timeoutMs: SIZES.settleMs, intervalMs: 500 },
        );
      } catch {
        // Never idle within the bound: the audit says what is missing.
        return auditNow(posts);
      }
    },
    close: async () => {
      await reader.stop();
      await postCmd.stop();
      await postQuery.stop();
      await environment.cleanup();
    },
  };
}

async function createTopic(topic: string, partitions: number): Promise<void> {
  const admin = new Kafka({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    await ensurePostEventsTopic(admin, topic, { numPartitions: partitions });
  } finally {
    await admin.disconnect();
  }
}
