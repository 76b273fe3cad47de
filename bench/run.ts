import { cpus } from 'node:os';
import { join } from 'node:path';
import { commandPath } from './command-path.bench';
import { live } from './live.bench';
import { longStreams } from './long-streams.bench';
import { outboxBacklog } from './outbox-backlog.bench';
import { projectionCatchUp } from './projection.bench';
import { rebuild } from './rebuild.bench';
import { scaleOut } from './scale-out.bench';
import { SIZES } from './sizes';
import { soak } from './soak.bench';
import { storeSize } from './store-size.bench';
import type { BenchResult } from './support/measure';
import { writeReport } from './support/report';
import { commandToVisible } from './visibility.bench';
import { useTestSecret } from '../test/support/test-secret';

const BENCHMARKS = [
  ['command path', commandPath],
  ['projection catch-up', projectionCatchUp],
  ['command → visible', commandToVisible],
  ['rebuild', rebuild],
  ['long streams', longStreams],
  ['store size', storeSize],
  ['outbox backlog', outboxBacklog],
  ['live', live],
  ['scale-out', scaleOut],
  ['soak', soak],
] as const;

/**
 * `npm run bench [-- --smoke] [-- --only <name>[,<name>...]]`: runs the benchmarks against the servers in
 * the environment (scripts/bench.sh starts the local stack), prints each result and ratio, and
 * writes bench/results/<date>.{json,md,svg} (smoke runs: reports/bench-smoke/).
 */
async function main(): Promise<void> {
  const sizes = process.argv.includes('--smoke') ? SIZES.smoke : SIZES.full;
  useTestSecret();
  const only = (process.argv[process.argv.indexOf('--only') + 1] ?? '').split(',');
  const results: BenchResult[] = [];
  for (const [name, run] of BENCHMARKS) {
    if (process.argv.includes('--only') && !only.some((part) => name.includes(part))) continue;
    const started = Date.now();
    console.log(`\n--> ${name} (${sizes.mode})`);
    const result = await run(sizes);
    results.push(result);
    for (const row of result.rows) {
      const latency =
        row.ours.p99 === undefined
          ? ''
          : `, p50 ${row.ours.p50} p95 ${row.ours.p95} p99 ${row.ours.p99} ms`;
      const baseline = row.baseline
        ? `; baseline ${row.baseline.perSecond}/s; ratio ${row.ratio}`
        : '';
      console.log(`    ${row.label}: ${row.ours.perSecond}/s${latency}${baseline}`);
    }
    if (result.target)
      console.log(`    target ${result.target.text}: ${result.target.met ? 'met' : 'MISSED'}`);
    console.log(`    (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  const date = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
  const dir =
    sizes.mode === 'smoke'
      ? join(__dirname, '..', 'reports', 'bench-smoke')
      : join(__dirname, 'results');
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
  const file = writeReport(dir, { date, mode: sizes.mode, machine, results });
  console.log(`\nreport: ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
