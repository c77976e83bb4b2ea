// Every messages/ folder has the same keys in English, Spanish and Swedish, and no key is
// defined twice across folders (catalogues are merged per locale).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const LOCALES = ["en", "es", "sv"];
const src = new URL("../src/", import.meta.url).pathname;
const problems = [];
const owner = new Map();

function folders(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (!statSync(path).isDirectory() || name === "gql") continue;
    if (name === "messages") found.push(path);
    else found.push(...folders(path));
  }
  return found;
}

for (const folder of folders(src)) {
  const where = relative(src, folder);
  const keys = Object.fromEntries(
    LOCALES.map((l) => [l, Object.keys(JSON.parse(readFileSync(join(folder, `${l}.json`), "utf8")))]),
  );
  for (const locale of LOCALES) {
    const missing = keys.en.filter((k) => !keys[locale].includes(k));
    const extra = keys[locale].filter((k) => !keys.en.includes(k));
    if (missing.length) problems.push(`${where}/${locale}.json lacks ${missing.join(", ")}`);
    if (extra.length) problems.push(`${where}/${locale}.json has extra ${extra.join(", ")}`);
  }
  for (const key of keys.en) {
    if (owner.has(key)) problems.push(`${key} is in both ${owner.get(key)} and ${where}`);
    owner.set(key, where);
  }
}
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log(`message catalogues: ${owner.size} keys, the same in ${LOCALES.join(", ")}`);
