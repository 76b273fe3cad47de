import { readFileSync } from 'node:fs';
import { benchProcesses } from './processes';

/**
 * The peak resident memory of each group's largest process while a run goes on, sampled every
 * quarter second (PostgreSQL's backends share memory, so they are not summed). Linux only.
 */
export class PeakMemory {
  private readonly peaks = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor() {
    this.sample();
    this.timer = setInterval(() => this.sample(), 250);
  }

  /** MB by group. */
  stop(): Record<string, number> {
    clearInterval(this.timer);
    this.sample();
    return toMegabytes(this.peaks);
  }

  private sample(): void {
    for (const [group, kb] of residentKilobytes()) {
      this.peaks.set(group, Math.max(this.peaks.get(group) ?? 0, kb));
    }
  }
}

/**
 * The resident memory of each group's largest process now, in kB (PostgreSQL's backends share
 * memory, so they are not summed). Linux only.
 */
function residentKilobytes(): Map<string, number> {
  const rss = new Map<string, number>();
  for (const [pid, group] of benchProcesses()) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'latin1');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      rss.set(group, Math.max(rss.get(group) ?? 0, kb));
    } catch {
      // The process ended while being read.
    }
  }
  return rss;
}

/** The resident memory of each group's largest process now, in MB. */
export const residentMegabytes = (): Record<string, number> => toMegabytes(residentKilobytes());

const toMegabytes = (kilobytes: ReadonlyMap<string, number>): Record<string, number> =>
  Object.fromEntries([...kilobytes].map(([group, kb]) => [group, Math.round(kb / 1024)]));

/** "post-cmd 120, FerretDB 300 MB" for a report note. */
export const describeMemory = (peaks: Record<string, number>): string =>
  Object.entries(peaks)
    .sort(([, a], [, b]) => b - a)
    .map(([group, mb]) => `${group} ${mb}`)
    .join(', ') + ' MB';
