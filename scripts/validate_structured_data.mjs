// Check every page's JSON-LD against Google's rich-result rules, offline.
// Usage: node scripts/validate_structured_data.mjs public/   -> JSON on stdout:
// {"<page>": [{"severity": "ERROR"|"WARNING", "type": ..., "message": ...}], ...}
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import Validator from "@adobe/structured-data-validator";
import WebAutoExtractor from "@marbec/web-auto-extractor";

const root = process.argv[2] || "public";
const pages = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".html")) pages.push(path);
  }
};
walk(root);

const validator = new Validator(null); // no schema.org vocabulary: Google's rules only
const report = {};
for (const page of pages.sort()) {
  const extractor = new WebAutoExtractor({ addLocation: true, embedSource: ["rdfa", "microdata"] });
  const data = extractor.parse(readFileSync(page, "utf8"));
  const issues = await validator.validate(data);
  report[relative(root, page)] = {
    types: Object.keys(data.jsonld || {}),
    issues: issues.map((i) => ({
      severity: i.severity,
      type: (i.path || []).map((p) => p.type).join("/"),
      message: i.issueMessage,
    })),
  };
}
console.log(JSON.stringify(report, null, 1));
