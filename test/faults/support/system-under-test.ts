import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { consumedToTheEnd } from '../../support/consumer-lag';
import { createEventsTopic } from '../../support/events-topic';
import { useVariables } from '../../support/process-variables';
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
  /** The first instance of each. */
  readonly postCmd: ServiceProcess;
  readonly postQuery: ServiceProcess;
  /** Every instance, each on its own port; the load spreads over the post-cmd instances. */
  readonly postCmds: ServiceProcess[];
  readonly postQueries: ServiceProcess[];
  /** A live post-cmd instance's API, in turns, as a load balancer in front of them would pick. */
  postCmdApi(): string;
  /** Starts one more post-query instance, which joins the consumer group. */
  addPostQuery(): Promise<ServiceProcess>;
  /** A client load on post-cmd, its posts created by the time this resolves. */
  load(label: string): Promise<CommandLoad>;
  /** Waits until the system is idle (everything stored is projected), then audits the posts. */
  settle(posts: readonly ExpectedPost[]): Promise<Audit>;
  close(): Promise<void>;
}

export interface Scale {
  readonly postCmds?: number;
  readonly postQueries?: number;
  /** Settings of the services and the tests' own clients (a Kafka cluster's brokers, say). */
  readonly env?: Readonly<Record<string, string>>;
}

export async function startSystem(
  label: string,
  { postCmds: cmdCount = 1, postQueries: queryCount = 1, env = {} }: Scale = {},
): Promise<SystemUnderTest> {
  // This process's clients (the topic reader, the audit) use them too; put back by close().
  const restoreVariables = useVariables(env);
  const environment = await isolatedEnvironment(label);
  environment.apply();
  const { KAFKA_TOPIC: topic, KAFKA_GROUP_ID: group, MONGO_DATABASE } = environment.variables;
  // Created before anyone subscribes, so the reader sees the topic from its first message.
  await createEventsTopic(topic!, Number(environment.variables.KAFKA_TOPIC_PARTITIONS));
  const reader: TopicReader = await readTopic(topic!);
  mkdirSync(REPORT_DIR, { recursive: true });
  const logFile = (service: string, n: number) =>
    join(REPORT_DIR, `${label}.${service}${n === 0 ? '' : `-${n + 1}`}.log`);
  const postCmds: ServiceProcess[] = [];
  const postQueries: ServiceProcess[] = [];
  const stopAll = () => Promise.all([...postCmds, ...postQueries].map((service) => service.stop()));
  const addPostQuery = async () => {
    const service = await startServiceProcess('post-query', {
      logFile: logFile('post-query', postQueries.length),
      // Where a rebuild asks for its republish.
      env: { POST_CMD_URL: postCmds[0]!.api.replace(/\/api\/v1$/, '') },
    });
    postQueries.push(service);
    return service;
  };
  try {
    for (let n = 0; n < cmdCount; n++) {
      postCmds.push(
        await startServiceProcess('post-cmd', {
          logFile: logFile('post-cmd', n),
          env: LOAD_FROM_ONE_ADDRESS,
        }),
      );
    }
    for (let n = 0; n < queryCount; n++) await addPostQuery();
  } catch (error) {
    await stopAll();
    throw error;
  }
  const [postCmd, postQuery] = [postCmds[0]!, postQueries[0]!];
  /** Round robin over the live instances, as a load balancer's health checks would: a killed one is skipped until it is back. */
  const pick = (instances: readonly ServiceProcess[], turn: number): ServiceProcess => {
    const alive = instances.filter((service) => service.alive);
    const from = alive.length > 0 ? alive : instances;
    return from[turn % from.length]!;
  };
  let turn = 0;

  const auditNow = (posts: readonly ExpectedPost[]) =>
    audit(posts, {
      mongoUrl: process.env.MONGO_URL!,
      mongoDatabase: MONGO_DATABASE!,
      queryApi: () => pick(postQueries, 0).api,
      topicMessages: reader.messages,
    });

  return {
    environment,
    postCmd,
    postQuery,
    postCmds,
    postQueries,
    addPostQuery,
    postCmdApi: () => pick(postCmds, turn++).api,
    load: async (name) => {
      const load = new CommandLoad(() => pick(postCmds, turn++).api, name);
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
      await stopAll();
      await environment.cleanup();
      restoreVariables();
    },
  };
}
