// Checks that a store archive is normalised, as ./build.sh's pack() writes it,
// so that anyone building the same commit gets the same bytes: its entries in
// byte order, no directory entries, no extra fields, each a file of mode 0644
// made on Unix, stored or deflated, dated the given SOURCE_DATE_EPOCH (UTC).
//   node normalised.js <archive.zip> <SOURCE_DATE_EPOCH>
const fs = require("fs");
const [file, epochText] = process.argv.slice(2);
const zip = fs.readFileSync(file);
// MS-DOS time, as zip writes it: two-second steps, an odd second rounded up.
const seconds = Number(epochText);
const epoch = new Date((seconds + (seconds % 2)) * 1000);
const dosTime = (epoch.getUTCHours() << 11) | (epoch.getUTCMinutes() << 5) | (epoch.getUTCSeconds() >> 1);
const dosDate =
  ((epoch.getUTCFullYear() - 1980) << 9) | ((epoch.getUTCMonth() + 1) << 5) | epoch.getUTCDate();

const problems = [];
// The end of central directory record: the last "PK\5\6" within the comment's reach.
const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
if (end < 0 || end < zip.length - 65557) {
  problems.push("no end of central directory");
} else {
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  let previous = null;
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) {
      problems.push(`entry ${n + 1}: no central directory header`);
      break;
    }
    const madeOn = zip.readUInt8(at + 5);
    const method = zip.readUInt16LE(at + 10);
    const [time, date] = [zip.readUInt16LE(at + 12), zip.readUInt16LE(at + 14)];
    const [nameLength, extraLength, commentLength] = [28, 30, 32].map((o) => zip.readUInt16LE(at + o));
    const mode = zip.readUInt32LE(at + 38) >>> 16;
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const says = (what) => problems.push(`${name}: ${what}`);
    if (previous !== null && Buffer.compare(Buffer.from(previous), Buffer.from(name)) >= 0) {
      says(`comes after ${previous}`);
    }
    if (name.endsWith("/")) says("is a directory entry");
    if (madeOn !== 3) says(`made on system ${madeOn}, not Unix`);
    if (method !== 0 && method !== 8) says(`compression method ${method}`);
    if (time !== dosTime || date !== dosDate) says("is not dated SOURCE_DATE_EPOCH");
    if (mode !== 0o100644) says(`mode ${mode.toString(8)}, not 100644`);
    if (extraLength || commentLength) says("has extra fields or a comment");
    if (zip.readUInt16LE(local + 28) !== 0) says("has extra fields in its local header");
    previous = name;
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (count === 0) problems.push("no entries");
}
for (const problem of problems) console.log(`  ${problem}`);
console.log(`test ${file.split("/").pop()} normalised ... ${problems.length ? "FAILED" : "ok"}`);
process.exit(problems.length ? 1 : 0);
