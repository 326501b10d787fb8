// Reads web-ext's JSON lint report: no error, and no warning but the expected
// ones, each for what Firefox ignores and Chromium uses: the background's
// service_worker, and Chrome's offscreen document (its service worker's only
// way to the clipboard; Firefox's background is a page and never calls it).
// Prints every finding and one libtest-style result line.
//   node lint-report.js <web-ext.json>
const report = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const expected = (w) =>
  w.code === "BACKGROUND_SERVICE_WORKER_IGNORED" ||
  (w.code === "MANIFEST_OPTIONAL_PERMISSIONS" && /"offscreen"/.test(w.message)) ||
  (w.code === "UNSUPPORTED_API" && /^offscreen\.\w+ is not supported$/.test(w.message));
const problems = [...report.errors, ...report.warnings.filter((w) => !expected(w))];
for (const p of [...report.errors, ...report.warnings, ...report.notices])
  console.log(`${p._type}: ${p.code}: ${p.message}`);
const ok = problems.length === 0;
console.log(`test result: ${ok ? "ok" : "FAILED"}. ${ok ? 1 : 0} passed; ${ok ? 0 : 1} failed`);
process.exit(ok ? 0 : 1);
