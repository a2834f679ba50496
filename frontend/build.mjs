// Builds Remit's browser assets into the ui app's static folder.
//
// The output is a pure function of the sources and node_modules: the folder
// is emptied first, the CSS has no source map (its paths would be absolute)
// and files are copied byte for byte, so two builds from one lockfile match.

import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(root, "src", "remit", "ui", "static", "ui", "build");
const modules = join(root, "node_modules");

// Files shipped as they are. Source maps travel with the scripts that name
// them, because Django's manifest storage refuses a missing map.
const copies = [
  ["govuk-frontend/dist/govuk/govuk-frontend.min.js", "govuk-frontend.min.js"],
  ["govuk-frontend/dist/govuk/govuk-frontend.min.js.map", "govuk-frontend.min.js.map"],
  ["vega/build/vega.min.js", "vega/vega.min.js"],
  ["vega-lite/build/vega-lite.min.js", "vega/vega-lite.min.js"],
  ["vega-lite/build/vega-lite.min.js.map", "vega/vega-lite.min.js.map"],
  ["vega-embed/build/vega-embed.min.js", "vega/vega-embed.min.js"],
  ["vega-embed/build/vega-embed.min.js.map", "vega/vega-embed.min.js.map"],
];

async function compileStyles() {
  const result = sass.compile(join(root, "frontend", "remit.scss"), {
    style: "compressed",
    sourceMap: false,
    importers: [new sass.NodePackageImporter(root)],
    // GOV.UK Frontend 5 is written with @import; its deprecation notices are
    // not ours to act on.
    quietDeps: true,
    silenceDeprecations: ["import"],
  });
  // The only image GOV.UK Frontend's CSS refers to is the Royal Arms in the
  // footer, which Remit must not show; dropping it leaves the stylesheet with
  // no url() at all, so Django's manifest storage has nothing to resolve.
  const css = result.css.replaceAll('url("./images/govuk-crest.svg")', "none");
  if (css.includes("url(")) {
    throw new Error("remit.css refers to a file the build does not ship");
  }
  if (css.includes("GDS Transport")) {
    throw new Error("remit.css still names the GDS Transport typeface");
  }
  await writeFile(join(out, "remit.css"), css + "\n");
  return css.length;
}

async function copyAssets() {
  for (const [from, to] of copies) {
    const target = join(out, to);
    await mkdir(dirname(target), { recursive: true });
    await copyFile(join(modules, from), target);
  }
  await copyFile(join(root, "frontend", "images", "favicon.svg"), join(out, "favicon.svg"));
}

async function main() {
  const pkg = JSON.parse(await readFile(join(modules, "govuk-frontend", "package.json"), "utf8"));
  if (!pkg.version.startsWith("5.")) {
    throw new Error(`expected govuk-frontend 5.x, found ${pkg.version}`);
  }
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const cssBytes = await compileStyles();
  await copyAssets();
  console.log(
    `built ${relative(root, out)}: remit.css ${cssBytes} bytes, ` +
      `${copies.length + 1} assets, govuk-frontend ${pkg.version}`,
  );
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exit(1);
});
