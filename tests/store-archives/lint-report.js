// Reads web-ext's JSON lint report: no error, and no warning but the expected
// one (Firefox ignores background.service_worker; Chromium uses it). Prints
// every finding and one libtest-style result line.
//   node lint-report.js <web-ext.json>
const report = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const expected = new Set(["BACKGROUND_SERVICE_WORKER_IGNORED"]);
const problems = [...report.errors, ...report.warnings.filter((w) => !expected.has(w.code))];
for (const p of [...report.errors, ...report.warnings, ...report.notices])
  console.log(`${p._type}: ${p.code}: ${p.message}`);
const ok = problems.length === 0;
console.log(`test result: ${ok ? "ok" : "FAILED"}. ${ok ? 1 : 0} passed; ${ok ? 0 : 1} failed`);
process.exit(ok ? 0 : 1);
