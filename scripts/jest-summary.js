// Prints "N passed, N failed[, N skipped]" from Jest's JSON report: the line CI reads.
// Without a report (Jest never ran), it says so and counts nothing as passed. With CI=true, a
// skipped test fails the run: a suite that skips itself where it should run proves nothing.
// Usage: node scripts/jest-summary.js [REPORT] (default reports/jest.json).
const { existsSync, readFileSync } = require('node:fs');

const report = process.argv[2] ?? 'reports/jest.json';
if (!existsSync(report)) {
  console.log('no Jest report: no test ran');
  console.log('0 passed, 0 failed');
} else {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  if (skipped > 0 && process.env.CI === 'true') {
    console.log(`${skipped} test(s) skipped: in CI every test must run`);
    process.exitCode = 1;
  }
  console.log(
    `${r.numPassedTests} passed, ${r.numFailedTests} failed` +
      (skipped ? `, ${skipped} skipped` : ''),
  );
}
