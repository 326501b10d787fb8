// The Chrome Web Store's manifest: without Firefox's settings block (the store
// refuses it) and without `background.scripts` (Firefox's event page; Chrome
// uses `background.service_worker`), rewritten in place.
//   node chrome-manifest.js <manifest.json>
const fs = require("fs");
const file = process.argv[2];
const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
delete manifest.browser_specific_settings;
delete manifest.background.scripts;
fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
