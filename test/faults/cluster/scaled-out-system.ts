import { startKafkaCluster, type KafkaCluster } from '../../support/kafka-cluster';
import { startSystem, type SystemUnderTest } from '../support/system-under-test';

const POST_CMDS = 2;
const POST_QUERIES = 3;

export interface ScaledOut {
  readonly cluster: KafkaCluster;
  readonly system: SystemUnderTest;
  /** The events topic, whose partitions the brokers lead. */
  readonly topic: string;
}

/**
 * Scaled out as in production, for the scenarios of a test file: a Kafka cluster of three
 * brokers (replication factor 3, min.insync.replicas 2), two post-cmd and three post-query
 * instances; started before the file's first scenario, stopped after its last.
 */
export function scaledOut(label: string): ScaledOut {
  let cluster: KafkaCluster | undefined;
  let system: SystemUnderTest | undefined;

  beforeAll(async () => {
    cluster = await startKafkaCluster();
    system = await startSystem(label, {
      postCmds: POST_CMDS,
      postQueries: POST_QUERIES,
      env: cluster.variables,
    });
  }, 600_000);

  afterAll(async () => {
    await system?.close();
    await cluster?.release();
  }, 120_000);

  const started = <T>(part: T | undefined): T => {
    if (part === undefined) throw new Error('the scaled-out system did not start');
    return part;
  };
  return {
    get cluster() {
      return started(cluster);
    },
    get system() {
      return started(system);
    },
    get topic() {
      return started(system).environment.variables.KAFKA_TOPIC!;
    },
  };
}
