// Builds static/ from the pinned npm packages. The output is committed so that
// running the product needs Python only; run `make assets` after changing a version here.
import * as sass from "sass";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";

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
writeFileSync(`${out}/whatsstrong.css`, css.css);
cpSync(`${govuk}/govuk-frontend.min.js`, `${out}/govuk/govuk-frontend.min.js`);
cpSync("node_modules/htmx.org/dist/htmx.min.js", `${out}/htmx.min.js`);
console.log("built", `${out}/whatsstrong.css`, css.css.length, "bytes");
