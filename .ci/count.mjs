// Sums the suites' JSON reports into the one closing line CI reads.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const [dir, failedSteps] = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const file of readdirSync(dir)) {
  const data = JSON.parse(readFileSync(path.join(dir, file), "utf8"));
  if (file.startsWith("vitest")) {
    passed += data.numPassedTests ?? 0;
    failed += data.numFailedTests ?? 0;
  } else if (file === "smoke.json") {
    passed += data.passed ?? 0;
    failed += data.failed ?? 0;
  }
}
const e2e = "test-results/e2e.json";
if (existsSync(e2e)) {
  const stats = JSON.parse(readFileSync(e2e, "utf8")).stats ?? {};
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
}
// A step that failed before reporting any test still counts as a failure.
if (Number(failedSteps) > 0 && failed === 0) failed = Number(failedSteps);
console.log(`${passed} passed, ${failed} failed`);
