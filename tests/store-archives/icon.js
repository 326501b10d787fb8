// Checks the stores' 128 px icon inside a store archive, as the Chrome Web Store
// asks for it: 128 × 128, its artwork 96 × 96 with 16 px of transparent margin
// on every side (the artwork reaching that margin's edge on all four sides).
//   unzip -p <archive> icons/icon-128.png | node icon.js
const zlib = require("zlib");
const png = require("fs").readFileSync(0);

const problems = [];
const chunks = {};
for (let at = 8; at < png.length; ) {
  const length = png.readUInt32BE(at);
  const kind = png.toString("latin1", at + 4, at + 8);
  (chunks[kind] ??= []).push(png.subarray(at + 8, at + 8 + length));
  at += 12 + length;
}
const header = chunks.IHDR && chunks.IHDR[0];
if (!header) problems.push("no PNG header");
const [width, height] = header ? [header.readUInt32BE(0), header.readUInt32BE(4)] : [0, 0];
const [depth, colour, interlace] = header ? [header[8], header[9], header[12]] : [];
if (width !== 128 || height !== 128) problems.push(`${width} × ${height}, not 128 × 128`);
if (depth !== 8 || colour !== 6 || interlace !== 0) problems.push("not 8-bit RGBA, non-interlaced");

if (!problems.length) {
  // Unfiltered rows (PNG's five filters), then each pixel's alpha.
  const raw = zlib.inflateSync(Buffer.concat(chunks.IDAT));
  const stride = width * 4;
  const rows = [];
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    const up = rows[y - 1] || Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= 4 ? line[i - 4] : 0;
      const b = up[i];
      const c = i >= 4 ? up[i - 4] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a
        : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const add = [0, a, b, (a + b) >> 1, paeth][filter];
      line[i] = (line[i] + add) & 0xff;
    }
    rows.push(line);
  }
  const alpha = (x, y) => rows[y][x * 4 + 3];
  let outside = 0;
  const inside = { left: false, right: false, top: false, bottom: false };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inArt = x >= 16 && x < 112 && y >= 16 && y < 112;
      if (!inArt && alpha(x, y) !== 0) outside++;
      if (inArt && alpha(x, y) === 255) {
        if (x === 16) inside.left = true;
        if (x === 111) inside.right = true;
        if (y === 16) inside.top = true;
        if (y === 111) inside.bottom = true;
      }
    }
  }
  if (outside) problems.push(`${outside} pixels drawn in the 16 px margin`);
  for (const [side, reached] of Object.entries(inside)) {
    if (!reached) problems.push(`the artwork does not reach the margin on the ${side}`);
  }
}
for (const problem of problems) console.log(`  ${problem}`);
console.log(`test stores' 128 px icon ... ${problems.length ? "FAILED" : "ok"}`);
process.exit(problems.length ? 1 : 0);
