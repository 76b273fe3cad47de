import { setTimeout as delay } from 'node:timers/promises';
import type { Audit } from './audit';
import { LagSampler } from './lag-sampler';
import { loadRows, writeScenarioReport } from './scenario-report';
import { MODE, SIZES, type SystemUnderTest } from './system-under-test';

export interface LoadScenario {
  /** The report's file name, and the label of the scenario's posts and users. */
  readonly name: string;
  readonly title: string;
  /** Runs a while after the load has started; may add notes to the report. */
  readonly fault: (notes: string[]) => Promise<void>;
  /** Samples the consumer group's lag every second, and reports it. */
  readonly sampleLag?: boolean;
}

/**
 * Steady command load, the fault in the middle of it, then, once the system is idle, the
 * audit: reported as a table, and held to the guarantees of DESIGN.md.
 */
export async function runLoadScenario(system: SystemUnderTest, scenario: LoadScenario) {
  const started = Date.now();
  const load = await system.load(scenario.name);
  const notes: string[] = [];
  const { KAFKA_GROUP_ID, KAFKA_TOPIC } = system.environment.variables;
  const lag = scenario.sampleLag
    ? new LagSampler(KAFKA_GROUP_ID!, KAFKA_TOPIC!, process.env.KAFKA_BROKERS!)
    : undefined;
  await lag?.start();
  let audit: Audit;
  try {
    await load.runFor(SIZES.loadMs, async () => {
      await delay(SIZES.faultAtMs);
      await scenario.fault(notes);
    });
    audit = await system.settle(load.posts);
  } finally {
    // Stopped even when the scenario fails: a sampler left running keeps Jest from exiting.
    await lag?.stop();
  }
  if (lag) notes.push(lag.summary());
  const crashed = [...system.postCmds, ...system.postQueries].filter((service) => !service.alive);
  writeScenarioReport(scenario.name, {
    scenario: scenario.title,
    mode: MODE,
    seconds: Math.round((Date.now() - started) / 1000),
    rows: { ...loadRows(load.counts, audit), 'services crashed': crashed.length },
    notes,
    findings: [...audit.findings, ...load.unexpectedRejections],
  });

  expect(audit.findings).toEqual([]);
  expect(load.unexpectedRejections).toEqual([]);
  expect({
    lost: audit.lost,
    doubled: audit.doubled,
    outOfOrder: audit.outOfOrder,
    unclearServerErrors: load.counts.unclearServerErrors,
    crashed: crashed.length,
  }).toEqual({ lost: 0, doubled: 0, outOfOrder: 0, unclearServerErrors: 0, crashed: 0 });
  // The load really ran, on both sides of the fault.
  expect(load.counts.accepted).toBeGreaterThan(SIZES.posts * 10);
  expect(audit.eventsProjected).toBe(audit.eventsStored);
}
