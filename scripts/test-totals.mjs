// Prints the totals of a Vitest JSON report on one line: "N passed, N failed".
// A test file that could not run at all counts as one failure, so a broken suite is never silent.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? '.ci-results.json';
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  process.exit(0);
}
const brokenFiles = (report.testResults ?? []).filter(
  (r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0,
).length;
console.log(`${report.numPassedTests ?? 0} passed, ${(report.numFailedTests ?? 0) + brokenFiles} failed`);
