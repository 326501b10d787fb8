// Checks the manifest inside a store archive, read from standard input.
// Chrome's store refuses Firefox's settings block and `background.scripts`,
// and runs the service worker; Firefox needs its add-on ID and runs the
// event page (`background.scripts`).
//   unzip -p <archive> manifest.json | node archive-manifest.js chrome|firefox
const store = process.argv[2];
const manifest = JSON.parse(require("fs").readFileSync(0, "utf8"));
const background = manifest.background || {};
const gecko = manifest.browser_specific_settings && manifest.browser_specific_settings.gecko;
const problems = {
  chrome: [
    manifest.browser_specific_settings && "has browser_specific_settings",
    background.scripts && "has background.scripts",
    !background.service_worker && "lacks background.service_worker",
  ],
  firefox: [
    !(gecko && gecko.id) && "lacks browser_specific_settings.gecko.id",
    !(Array.isArray(background.scripts) && background.scripts.length) && "lacks background.scripts",
  ],
}[store] || [`unknown store ${store}`];
const problem = problems.filter(Boolean).join(", ");
console.log(`test ${store} archive manifest ... ${problem ? `FAILED (${problem})` : "ok"}`);
process.exit(problem ? 1 : 0);
