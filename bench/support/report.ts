import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResult, Measure } from './measure';

export interface BenchReport {
  readonly date: string;
  readonly mode: string;
  readonly machine: string;
  readonly results: readonly BenchResult[];
}

const latency = (m: Measure) => (m.p50 === undefined ? '' : `${m.p50} / ${m.p95} / ${m.p99}`);

/** The report as Markdown: one table per benchmark, its target, and the chart. */
export function markdown(report: BenchReport, chartFile: string): string {
  const lines = [
    `# Benchmarks, ${report.date} (${report.mode})`,
    '',
    `Machine: ${report.machine}. Produced by \`npm run bench\`; see bench/README.md.`,
    '',
    `![throughput and latency](${chartFile})`,
    '',
  ];
  for (const result of report.results) {
    lines.push(`## ${result.name}`, '', result.description, '');
    lines.push(
      '| run | ours /s | ours p50 / p95 / p99 ms | baseline /s | baseline p50 / p95 / p99 ms | ratio |',
    );
    lines.push('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const row of result.rows) {
      lines.push(
        `| ${row.label} | ${row.ours.perSecond} | ${latency(row.ours)} | ${row.baseline?.perSecond ?? ''} | ${row.baseline ? latency(row.baseline) : ''} | ${row.ratio ?? ''} |`,
      );
    }
    lines.push('');
    if (result.target) {
      lines.push(`Target: ${result.target.text}: **${result.target.met ? 'met' : 'missed'}**.`, '');
    }
    for (const note of result.notes) lines.push(`- ${note}`);
    if (result.notes.length > 0) lines.push('');
  }
  return lines.join('\n');
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * A plain SVG chart: per run, ours against the baseline as bars scaled to the larger of the
 * two (throughput), then the latency percentiles of the runs that timed single operations.
 */
export function svgChart(report: BenchReport): string {
  const width = 900;
  const bar = 14;
  const parts: string[] = [];
  let y = 30;
  parts.push(
    `<text x="10" y="20" font-weight="bold">Throughput: ours (blue) and raw baseline (grey), per second</text>`,
  );
  for (const result of report.results) {
    for (const row of result.rows.filter((r) => r.baseline)) {
      const max = Math.max(row.ours.perSecond, row.baseline!.perSecond);
      const scale = (value: number) => Math.max(1, (value / max) * 420);
      parts.push(`<text x="10" y="${y + 11}">${escape(`${result.name}: ${row.label}`)}</text>`);
      parts.push(
        `<rect x="380" y="${y}" width="${scale(row.ours.perSecond)}" height="${bar}" fill="#3b6fb6"/>`,
      );
      parts.push(
        `<text x="${385 + scale(row.ours.perSecond)}" y="${y + 11}">${row.ours.perSecond} (×${row.ratio})</text>`,
      );
      y += bar + 2;
      parts.push(
        `<rect x="380" y="${y}" width="${scale(row.baseline!.perSecond)}" height="${bar}" fill="#999"/>`,
      );
      parts.push(
        `<text x="${385 + scale(row.baseline!.perSecond)}" y="${y + 11}">${row.baseline!.perSecond}</text>`,
      );
      y += bar + 10;
    }
  }
  y += 20;
  parts.push(
    `<text x="10" y="${y}" font-weight="bold">Latency of ours, ms: p50 / p95 / p99</text>`,
  );
  y += 10;
  const timed = report.results.flatMap((result) =>
    result.rows
      .filter((r) => r.ours.p99 !== undefined)
      .map((r) => ({ label: `${result.name}: ${r.label}`, m: r.ours })),
  );
  const maxLatency = Math.max(1, ...timed.map((t) => t.m.p99!));
  const colours = ['#9ecae1', '#4292c6', '#08519c'];
  for (const { label, m } of timed) {
    parts.push(`<text x="10" y="${y + 11}">${escape(label)}</text>`);
    [m.p50!, m.p95!, m.p99!].forEach((value, index) => {
      const length = Math.max(1, (value / maxLatency) * 420);
      parts.push(
        `<rect x="380" y="${y}" width="${length}" height="${bar / 1.5}" fill="${colours[index]}"/>`,
      );
      if (index === 2)
        parts.push(`<text x="${385 + length}" y="${y + 9}">${m.p50} / ${m.p95} / ${m.p99}</text>`);
      y += bar / 1.5 + 1;
    });
    y += 8;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 20}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
${parts.join('\n')}
</svg>
`;
}

/** Writes `<date>.json`, `<date>.md` and `<date>.svg` into `dir`; resolves to the Markdown path. */
export function writeReport(dir: string, report: BenchReport): string {
  mkdirSync(dir, { recursive: true });
  const base = report.date;
  writeFileSync(join(dir, `${base}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(dir, `${base}.svg`), svgChart(report));
  const file = join(dir, `${base}.md`);
  writeFileSync(file, `${markdown(report, `${base}.svg`)}\n`);
  return file;
}
