// Chrome's store refuses Firefox's settings block: removes it from the manifest
// of the Chrome archive, in place.
//   node chrome-manifest.js <manifest.json>
const fs = require("fs");
const file = process.argv[2];
const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
delete manifest.browser_specific_settings;
fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
