import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { benchProcesses } from './processes';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

/** CPU ticks per process, including those of its exited children (PostgreSQL's backends). */
type Snapshot = Map<number, { readonly group: string; readonly ticks: number }>;

function snapshot(): Snapshot {
  const result: Snapshot = new Map();
  for (const [pid, group] of benchProcesses()) {
    try {
      // Fields after the parenthesised name: utime, stime, cutime, cstime are 14 to 17.
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
      result.set(pid, { group, ticks });
    } catch {
      // The process ended while being read.
    }
  }
  return result;
}

/**
 * Where the CPU went during a run, per server and per operation: the profile that tells which
 * process a slower path spends its time in. Linux only (/proc); empty elsewhere.
 */
export class CpuAccount {
  private readonly before = snapshot();

  /** CPU milliseconds per operation, by process group, since this account was opened. */
  perOperation(operations: number): Record<string, number> {
    const totals = new Map<string, number>();
    for (const [pid, { group, ticks }] of snapshot()) {
      const used = ticks - (this.before.get(pid)?.ticks ?? 0);
      totals.set(group, (totals.get(group) ?? 0) + used);
    }
    return Object.fromEntries(
      [...totals]
        .filter(([, ticks]) => ticks > 0)
        .map(([group, ticks]) => [
          group,
          Number(((ticks * 1000) / TICKS_PER_SECOND / operations).toFixed(2)),
        ]),
    );
  }
}

/** "FerretDB 3.1, Kafka 0.8, ... ms" for a report note. */
export const describeCpu = (perOperation: Record<string, number>): string =>
  Object.entries(perOperation)
    .sort(([, a], [, b]) => b - a)
    .map(([group, ms]) => `${group} ${ms}`)
    .join(', ') + ' ms';
