import { KafkaContainer } from '@testcontainers/kafka';
import { MongoDBContainer } from '@testcontainers/mongodb';
import { PostgreSqlContainer } from '@testcontainers/postgresql';
import { getContainerRuntimeClient, type StartedTestContainer } from 'testcontainers';
import { SERVER_VARIABLES, type Server } from './server-addresses';

export async function containerRuntimeAvailable(): Promise<boolean> {
  try {
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

/** The real servers in containers, for machines with a Docker engine. */
const START: Readonly<Record<Server, () => Promise<[StartedTestContainer, string]>>> = {
  mongo: async () => {
    const mongo = await new MongoDBContainer('mongo:8.0').start();
    return [mongo, `${mongo.getConnectionString()}?directConnection=true`];
  },
  kafka: async () => {
    const kafka = await new KafkaContainer('confluentinc/cp-kafka:7.9.0').withKraft().start();
    return [kafka, `${kafka.getHost()}:${kafka.getMappedPort(9093)}`];
  },
  postgres: async () => {
    const postgres = await new PostgreSqlContainer('postgres:17').start();
    return [postgres, postgres.getConnectionUri()];
  },
};

/** Starts the servers' containers and sets their addresses in the environment. */
export async function startContainers(servers: readonly Server[]): Promise<StartedTestContainer[]> {
  const started = await Promise.all(servers.map((server) => START[server]()));
  servers.forEach((server, index) => {
    process.env[SERVER_VARIABLES[server]] = started[index]![1];
  });
  return started.map(([container]) => container);
}
