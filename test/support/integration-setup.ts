import { killServiceProcessesLeftRunning } from './service-process';

// Integration tests start services and wait for Kafka and PostgreSQL: more than Jest's 5 s.
jest.setTimeout(60_000);

// Runs after the file's own hooks: whatever a failed set-up left running ends with the file.
afterAll(killServiceProcessesLeftRunning);
