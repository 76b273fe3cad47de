import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second, the unit of /proc's CPU and start times. */
export const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

/** Processes a run is charged with, by their command line (or pid). */
const GROUPS: readonly { readonly name: string; matches(cmdline: string, pid: number): boolean }[] =
  [
    { name: 'FerretDB', matches: (cmdline) => cmdline.includes('ferretdb-local') },
    { name: 'PostgreSQL', matches: (cmdline) => /(^|\/)postgres(\0|:)/.test(cmdline) },
    { name: 'Kafka', matches: (cmdline) => cmdline.includes('kafka.Kafka') },
    { name: 'post-cmd', matches: (cmdline) => cmdline.includes('apps/post-cmd/') },
    { name: 'post-query', matches: (cmdline) => cmdline.includes('apps/post-query/') },
    { name: 'bench client', matches: (_, pid) => pid === process.pid },
  ];

/** Each running process of the servers, services and this client, with its group's name. */
export function benchProcesses(): Map<number, string> {
  const found = new Map<number, string>();
  if (process.platform !== 'linux') return found;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
      const group = GROUPS.find((candidate) => candidate.matches(cmdline, pid));
      if (group) found.set(pid, group.name);
    } catch {
      // The process ended while being read.
    }
  }
  return found;
}

/**
 * The numeric fields of `/proc/<pid>/stat` after the parenthesised command name, from 0 (state
 * is 0, ppid 1; utime, stime, cutime, cstime 11 to 14; starttime 19), or undefined if the
 * process has ended.
 */
export function statFields(pid: number): number[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
  } catch {
    return undefined;
  }
}

/**
 * How long the oldest process of a group has been running, in seconds (undefined if none runs):
 * a server started moments before a run is still compiling its hot code on the same cores.
 */
export function upSeconds(group: string): number | undefined {
  const bootSeconds = Number(readFileSync('/proc/uptime', 'latin1').split(' ')[0]);
  const ages = [...benchProcesses()]
    .filter(([, name]) => name === group)
    .flatMap(([pid]) => {
      const startTicks = statFields(pid)?.[19];
      return startTicks === undefined ? [] : [bootSeconds - startTicks / TICKS_PER_SECOND];
    });
  return ages.length > 0 ? Math.round(Math.max(...ages)) : undefined;
}
