import { readFileSync } from 'node:fs';
import { benchProcesses, statFields, TICKS_PER_SECOND } from './processes';

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
    const fields = statFields(pid);
    if (!fields) continue;
    result.set(pid, {
      group,
      parent: fields[1]!,
      own: fields[11]! + fields[12]!,
      exitedChildren: fields[13]! + fields[14]!,
    });
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

/** The whole machine's CPU ticks so far, from the first line of /proc/stat. */
function machineTicks(): { busy: number; idle: number; steal: number } {
  const line = readFileSync('/proc/stat', 'latin1').split('\n', 1)[0]!;
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number) as [number, number, number, number, number, number, number, number];
  return { busy: user + nice + system + irq + softirq, idle: idle + iowait, steal };
}

/** Shares of the machine's CPU capacity over a window, in percent of all its cores. */
export interface MachineCpu {
  readonly busy: number;
  /** Spent by processes that are not the benchmark's (a cron, another tenant's noise). */
  readonly outside: number;
  /** Taken by the hypervisor for other guests: time this machine wanted and did not get. */
  readonly steal: number;
}

/**
 * Where the CPU went during a run, per server and per operation: the profile that tells which
 * process a slower path spends its time in. Linux only (/proc); empty elsewhere.
 */
export class CpuAccount {
  private readonly before = snapshot();
  private readonly machineBefore = machineTicks();

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

  /**
   * The machine's CPU over the same time: how busy it was, how much of that was not the
   * benchmark's processes, and how much the hypervisor took. A window whose every process spends
   * more CPU per operation at once is told apart by these: the machine, not one component.
   */
  machine(): MachineCpu {
    const now = machineTicks();
    const busy = now.busy - this.machineBefore.busy;
    const steal = now.steal - this.machineBefore.steal;
    const capacity = busy + steal + now.idle - this.machineBefore.idle;
    const ours = [...spentBetween(this.before, snapshot()).values()].reduce((a, b) => a + b, 0);
    const percent = (ticks: number) =>
      capacity > 0 ? Number(((100 * ticks) / capacity).toFixed(1)) : 0;
    return {
      busy: percent(busy),
      outside: percent(Math.max(0, busy - ours)),
      steal: percent(steal),
    };
  }
}

/** "FerretDB 3.1, Kafka 0.8, ... ms" for a report note. */
export const describeCpu = (perOperation: Record<string, number>): string =>
  Object.entries(perOperation)
    .sort(([, a], [, b]) => b - a)
    .map(([group, ms]) => `${group} ${ms}`)
    .join(', ') + ' ms';

/** "machine busy 52% (outside the benchmark 0.1%), steal 0%" for a report note. */
export const describeMachine = ({ busy, outside, steal }: MachineCpu): string =>
  `machine busy ${busy}% (outside the benchmark ${outside}%), steal ${steal}%`;
