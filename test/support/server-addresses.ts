/** The three servers every integration test runs against, by the variables the services read. */
export const SERVER_VARIABLES = {
  mongo: 'MONGO_URL',
  kafka: 'KAFKA_BROKERS',
  postgres: 'DATABASE_URL',
} as const;

export type Server = keyof typeof SERVER_VARIABLES;

export const SERVERS = Object.keys(SERVER_VARIABLES) as Server[];

/** The servers whose address the environment does not give: the tests must provide them. */
export const serversToProvide = (): Server[] =>
  SERVERS.filter((server) => !process.env[SERVER_VARIABLES[server]]);
