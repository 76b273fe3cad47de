import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { benchProcesses } from './processes';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

export interface ProcessTicks {
  readonly group: string;
  readonly parent: number;
  /** CPU ticks the process itself spent (utime + stime). */
  readonly own: number;
  /** CPU ticks of its children that have exited (cutime + cstime). */
  readonly exitedChildren: number;
}

export type Snapshot = Map<number, ProcessTicks>;

function snapshot(): Snapshot {
  const result: Snapshot = new Map();
  for (const [pid, group] of benchProcesses()) {
    try {
      // Fields after the parenthesised name, from 0: ppid is 1; utime, stime, cutime, cstime 11 to 14.
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const fields = stat
        .slice(stat.lastIndexOf(')') + 2)
        .split(' ')
        .map(Number);
      result.set(pid, {
        group,
        parent: fields[1]!,
        own: fields[11]! + fields[12]!,
        exitedChildren: fields[13]! + fields[14]!,
      });
    } catch {
      // The process ended while being read.
    }
  }
  return result;
}

/**
 * The CPU each group spent between two snapshots. A process alive at the end counts what it
 * spent since the first (all of it if it started since). One that exited in between (a
 * PostgreSQL backend whose connection closed) is known only through its parent's count of
 * exited children, which holds its whole life: what it had spent by the first snapshot is taken
 * off, or a connection closing would charge the window with hours of CPU spent before it. A
 * process that exits is charged to its parent's group.
 */
export function spentBetween(before: Snapshot, after: Snapshot): Map<string, number> {
  const totals = new Map<string, number>();
  const charge = (group: string, ticks: number) =>
    totals.set(group, (totals.get(group) ?? 0) + ticks);
  for (const [pid, now] of after) {
    const then = before.get(pid);
    charge(now.group, now.own - (then?.own ?? 0));
    charge(now.group, now.exitedChildren - (then?.exitedChildren ?? 0));
  }
  for (const [pid, then] of before) {
    const parent = after.get(then.parent);
    if (!after.has(pid) && parent) charge(parent.group, -then.own);
  }
  return totals;
}

/**
 * Where the CPU went during a run, per server and per operation: the profile that tells which
 * process a slower path spends its time in. Linux only (/proc); empty elsewhere.
 */
export class CpuAccount {
  private readonly before = snapshot();

  /** CPU milliseconds per operation, by process group, since this account was opened. */
  perOperation(operations: number): Record<string, number> {
    return Object.fromEntries(
      [...spentBetween(this.before, snapshot())]
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
