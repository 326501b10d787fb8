// Writes the manifest for dist/extension: the one in the repository with the
// version from Cargo.toml (the only place the version is written).
//   node stamp-manifest.js <manifest.json> <out.json> <version>
const fs = require("fs");
const [source, out, version] = process.argv.slice(2);
const manifest = JSON.parse(fs.readFileSync(source, "utf8"));
manifest.version = version;
fs.writeFileSync(out, JSON.stringify(manifest, null, 2) + "\n");
