import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Audit } from './audit';
import type { CommandCounts } from './command-client';

/** What scripts/fault-tables.js prints as one table: a scenario's numbers. */
export interface ScenarioReport {
  readonly scenario: string;
  readonly mode: string;
  readonly seconds: number;
  readonly rows: Readonly<Record<string, number>>;
  /** What the scenario did, and anything worth knowing about the run. */
  readonly notes: readonly string[];
  readonly findings: readonly string[];
}

export const REPORT_DIR = join(__dirname, '..', '..', '..', 'reports', 'faults');

/** The rows every load scenario reports, in the order of the issue that asked for them. */
export function loadRows(counts: CommandCounts, audit: Audit): Record<string, number> {
  return {
    'commands sent': counts.sent,
    accepted: counts.accepted,
    rejected: counts.rejected,
    'refused (service down)': counts.refused,
    'unanswered (may or may not be stored)': counts.unanswered,
    'events stored': audit.eventsStored,
    'events projected': audit.eventsProjected,
    lost: audit.lost,
    doubled: audit.doubled,
    'out of order': audit.outOfOrder,
    'redelivered (harmless)': audit.redelivered,
    '5xx seen': counts.serverErrors,
    '5xx that are not a retryable 503': counts.unclearServerErrors,
  };
}

export function writeScenarioReport(file: string, report: ScenarioReport): void {
  mkdirSync(REPORT_DIR, { recursive: true });
  writeFileSync(join(REPORT_DIR, `${file}.json`), JSON.stringify(report, null, 2));
}
