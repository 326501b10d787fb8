// Checks the manifest inside a store archive, read from standard input:
// Chrome's store refuses Firefox's settings block, and Firefox needs it.
//   unzip -p <archive> manifest.json | node archive-manifest.js chrome|firefox
const store = process.argv[2];
const manifest = JSON.parse(require("fs").readFileSync(0, "utf8"));
const gecko = manifest.browser_specific_settings && manifest.browser_specific_settings.gecko;
const problem =
  store === "chrome" ? (manifest.browser_specific_settings ? "has browser_specific_settings" : null)
  : store === "firefox" ? (gecko && gecko.id ? null : "lacks browser_specific_settings.gecko.id")
  : `unknown store ${store}`;
console.log(`test ${store} archive manifest ... ${problem ? `FAILED (${problem})` : "ok"}`);
process.exit(problem ? 1 : 0);
