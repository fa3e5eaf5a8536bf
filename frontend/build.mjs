// Builds static/ from the pinned npm packages. The output is committed so that
// running the product needs Python only; run `make assets` after changing a version here.
import * as sass from "sass";
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";

const out = "../whatsstrong/static";
const govuk = "node_modules/govuk-frontend/dist/govuk";
// The crest, icons and fonts are GOV.UK brand assets, so none are copied.
mkdirSync(`${out}/govuk`, { recursive: true });
const css = sass.compile("src/whatsstrong.scss", {
  style: "compressed",
  importers: [new sass.NodePackageImporter()],
  quietDeps: true,
  silenceDeprecations: ["import"],
});
// A url() to a file we do not ship breaks collectstatic's manifest, and so every page in production.
const missing = [...css.css.matchAll(/url\(["']?([^"')]+)/g)]
  .map((match) => match[1])
  .filter((url) => !url.startsWith("data:") && !existsSync(`${out}/${url.replace(/^\/static\//, "")}`));
if (missing.length) {
  console.error("The stylesheet refers to files that are not shipped:", [...new Set(missing)].join(", "));
  process.exit(1);
}
writeFileSync(`${out}/whatsstrong.css`, css.css);
cpSync(`${govuk}/govuk-frontend.min.js`, `${out}/govuk/govuk-frontend.min.js`);
cpSync("node_modules/htmx.org/dist/htmx.min.js", `${out}/htmx.min.js`);
console.log("built", `${out}/whatsstrong.css`, css.css.length, "bytes");
