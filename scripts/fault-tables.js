// Prints the fault suite's reports (reports/faults/*.json, written by test/faults/) as one
// table per scenario. Prints nothing when the suite did not run.
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = join(__dirname, '..', 'reports', 'faults');
const reports = existsSync(dir)
  ? readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')))
  : [];

for (const report of reports) {
  const rows = Object.entries(report.rows);
  const width = Math.max(...rows.map(([name]) => name.length));
  const title = `${report.scenario} (${report.mode} mode, ${report.seconds} s)`;
  console.log(`\n${title}\n${'-'.repeat(title.length)}`);
  for (const [name, value] of rows)
    console.log(`  ${name.padEnd(width)}  ${String(value).padStart(7)}`);
  for (const note of report.notes) console.log(`  note: ${note}`);
  for (const finding of report.findings.slice(0, 20))
    console.log(`  FINDING: ${finding.slice(0, 300)}`);
  if (report.findings.length > 20)
    console.log(`  ... and ${report.findings.length - 20} more findings`);
}
