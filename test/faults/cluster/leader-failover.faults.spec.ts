import { setTimeout as delay } from 'node:timers/promises';
import { runLoadScenario } from '../support/load-scenario';
import { SIZES } from '../support/system-under-test';
import { scaledOut } from './scaled-out-system';

/**
 * The first scale-out scenario, on its own so that `npm test` runs it too (the others are
 * scale-out.faults.spec.ts, `npm run faults -- --cluster`): the partition leaders' failover
 * under load, where the producer's idempotence and retries are put to the test.
 */
describe('scaled out under load: a partition leader fails over (three Kafka brokers, 2 post-cmd, 3 post-query)', () => {
  const scaled = scaledOut('leader-failover');

  it(
    'the broker leading the most partitions is SIGKILLed, and restarted later',
    () =>
      runLoadScenario(scaled.system, {
        name: 'scale-1-leader-killed',
        title: 'Broker leading the most partitions SIGKILLed mid-load, restarted later',
        sampleLag: true,
        fault: async (notes) => {
          const leader = await scaled.cluster.busiestLeader(scaled.topic);
          await scaled.cluster.kill(leader);
          await delay(SIZES.downMs);
          await scaled.cluster.start(leader);
          notes.push(`node ${leader} (the busiest leader) down for ${SIZES.downMs / 1000} s`);
        },
      }),
    SIZES.loadMs + SIZES.settleMs + 240_000,
  );
});
