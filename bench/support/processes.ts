import { readdirSync, readFileSync } from 'node:fs';

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
