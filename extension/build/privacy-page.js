// The privacy policy as a page of the extension (privacy.html, linked from the
// options and welcome pages), made from docs/privacy.md, so that the policy is
// written once. Reads the Markdown this policy uses: headings, paragraphs,
// "- " lists, tables, **strong**, *emphasis* and `code`; every text escaped.
//   node privacy-page.js <docs/privacy.md> <privacy.html>
const fs = require("fs");
const [from, to] = process.argv.slice(2);
const lines = fs.readFileSync(from, "utf8").split("\n");

const escape = (text) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const inline = (text) =>
  escape(text)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
    .replace(/\*([^*]+)\*/g, "<em>$1</em>");
const cells = (line) => line.replace(/^\||\|$/g, "").split("|").map((cell) => inline(cell.trim()));

const html = [];
let title = "";
for (let i = 0; i < lines.length; ) {
  const line = lines[i];
  const heading = /^(#{1,3}) (.*)$/.exec(line);
  if (!line.trim()) {
    i++;
  } else if (heading) {
    const level = heading[1].length;
    if (level === 1) title = heading[2];
    html.push(`<h${level}>${inline(heading[2])}</h${level}>`);
    i++;
  } else if (line.startsWith("|")) {
    const rows = [];
    while (i < lines.length && lines[i].startsWith("|")) rows.push(lines[i++]);
    const [head, , ...body] = rows;
    html.push("<table>");
    html.push(`<thead><tr>${cells(head).map((c) => `<th>${c}</th>`).join("")}</tr></thead>`);
    html.push("<tbody>");
    for (const row of body) html.push(`<tr>${cells(row).map((c) => `<td>${c}</td>`).join("")}</tr>`);
    html.push("</tbody></table>");
  } else if (line.startsWith("- ")) {
    html.push("<ul>");
    while (i < lines.length && lines[i].startsWith("- ")) {
      let item = lines[i++].slice(2);
      // An item goes on over the indented lines below it.
      while (i < lines.length && /^ {2}\S/.test(lines[i])) item += " " + lines[i++].trim();
      html.push(`<li>${inline(item)}</li>`);
    }
    html.push("</ul>");
  } else {
    let paragraph = line;
    i++;
    while (i < lines.length && lines[i].trim() && !/^(#|\||- )/.test(lines[i])) paragraph += " " + lines[i++];
    html.push(`<p>${inline(paragraph.trim())}</p>`);
  }
}

fs.writeFileSync(
  to,
  `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width">
  <title>${escape(title)}</title>
  <link rel="stylesheet" href="popup.css">
  <link rel="stylesheet" href="options.css">
</head>
<body class="options privacy">
<main>
${html.join("\n")}
</main>
</body>
</html>
`,
);
