// Integration tests start services and wait for Kafka and PostgreSQL: more than Jest's 5 s.
jest.setTimeout(60_000);
