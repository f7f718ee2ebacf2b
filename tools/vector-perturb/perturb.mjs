// Writes a perturbed copy of every known-answer vector file: the same schema, other data. Case ids are
// renamed, cases shuffled, a random half of every case section dropped, unknown fields added to every case,
// and the sections of each file reordered. The vector tests must pass on the copy unchanged (issue 10).
//
//   node perturb.mjs <seed> <source directory> <output directory>
//
// The same seed gives the same copy, so a failure in CI can be replayed.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [seedText, source, output] = process.argv.slice(2);
if (!seedText || !source || !output) {
  console.error("usage: node perturb.mjs <seed> <source directory> <output directory>");
  process.exit(2);
}

// mulberry32: small, seedable, and the same on every Node version.
let state = Number.parseInt(seedText, 10) >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const below = (n) => Math.floor(random() * n);
function shuffle(items) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = below(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

// Case sections: arrays of objects directly under the root or one level down (eddsa's babyjubjub.*).
// `meta` and gpc-compile's `fixtures` describe the file, not cases. gpc-circuits.json's `circuits` is the
// circuit family itself in its selection order (the schema says so), a table like gpc-vkeys.json's keys,
// so it keeps every circuit in order; only unknown fields are added to its rows.
const wholeTables = new Set(["gpc-circuits.json:circuits"]);
const notCases = new Set(["meta", "fixtures", "versions", "constants", "conventions"]);

// Fields that hold a case id, here or in another file (gpc-proofs' compileCaseId and swappedFrom name
// gpc-compile and gpc-proofs cases): renamed consistently across all files.
const idFields = new Set(["id", "compileCaseId", "swappedFrom"]);
const renamed = new Map();
const rename = (id) => {
  if (!renamed.has(id)) {
    renamed.set(id, `case-${below(2 ** 30).toString(36)}-${renamed.size}`);
  }
  return renamed.get(id);
};

function renameIds(node) {
  if (Array.isArray(node)) {
    node.forEach(renameIds);
  } else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (idFields.has(key) && typeof value === "string") {
        node[key] = rename(value);
      } else {
        renameIds(value);
      }
    }
  }
}

const isCaseArray = (value) => Array.isArray(value) && value.length > 0 && value.every((v) => v && typeof v === "object" && !Array.isArray(v));

/**
 * Shuffles (unless the section is a whole table), drops floor(n/2) cases at random (never those in `pinned`, which
 * other cases refer to), tags the rest; returns old index -> new index.
 */
function perturbSection(file, path, cases, pinned = new Set()) {
  const tagged = cases.map((c, index) => ({ c, index }));
  const whole = wholeTables.has(`${file}:${path}`);
  if (!whole) {
    shuffle(tagged);
  }
  const droppable = [...tagged.keys()].filter((i) => !pinned.has(tagged[i].index));
  const drop = new Set(whole ? [] : shuffle(droppable).slice(0, Math.floor(tagged.length / 2)));
  const kept = tagged.filter((_, i) => !drop.has(i));
  kept.forEach(({ c }) => {
    c[`x-perturb-${below(1000)}`] = random() < 0.5 ? { note: "unknown field" } : below(1e6);
  });
  cases.splice(0, cases.length, ...kept.map(({ c }) => c));
  return new Map(kept.map(({ index }, i) => [index, i]));
}

function reorderKeys(object, keepFirst) {
  const keys = Object.keys(object).filter((k) => k !== keepFirst);
  const entries = shuffle(keys).map((k) => [k, object[k]]);
  for (const k of Object.keys(object)) {
    if (k !== keepFirst) delete object[k];
  }
  for (const [k, v] of entries) object[k] = v;
}

mkdirSync(output, { recursive: true });
const files = readdirSync(source).filter((f) => f.endsWith(".json")).sort();
const documents = new Map(files.map((f) => [f, JSON.parse(readFileSync(join(source, f), "utf8"))]));
const indexMaps = new Map();

// identity.json's nullifier rows name their identities by position in v3 and v4: its nullifiers are
// perturbed first, and the identities the kept rows name are never dropped.
const identity = documents.get("identity.json");
const pinned = new Map();
if (identity?.nullifiers) {
  perturbSection("identity.json", "nullifiers", identity.nullifiers);
  pinned.set("identity.json:v3", new Set(identity.nullifiers.map((row) => row.v3Index)));
  pinned.set("identity.json:v4", new Set(identity.nullifiers.map((row) => row.v4Index)));
  indexMaps.set("identity.json:nullifiers", new Map());
}

for (const [file, root] of documents) {
  renameIds(root);
  for (const [key, value] of Object.entries(root)) {
    if (notCases.has(key) || indexMaps.has(`${file}:${key}`)) continue;
    if (isCaseArray(value)) {
      indexMaps.set(`${file}:${key}`, perturbSection(file, key, value, pinned.get(`${file}:${key}`)));
    } else if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [inner, section] of Object.entries(value)) {
        if (isCaseArray(section)) {
          indexMaps.set(`${file}:${key}.${inner}`, perturbSection(file, `${key}.${inner}`, section));
        }
      }
      reorderKeys(value);
    }
  }
  // The schema puts `meta` first; every other section moves.
  reorderKeys(root, "meta");
}

// The nullifier rows follow their identities' moves.
if (identity?.nullifiers) {
  const v3 = indexMaps.get("identity.json:v3");
  const v4 = indexMaps.get("identity.json:v4");
  for (const row of identity.nullifiers) {
    row.v3Index = v3.get(row.v3Index);
    row.v4Index = v4.get(row.v4Index);
  }
}

for (const [file, root] of documents) {
  writeFileSync(join(output, file), JSON.stringify(root, null, 1));
}
const counts = [...indexMaps.keys()].map((section) => {
  const [file, path] = section.split(":");
  const cases = path.split(".").reduce((node, key) => node[key], documents.get(file));
  return `${section}=${cases.length}`;
}).join(" ");
console.log(`perturbed ${files.length} files with seed ${seedText} into ${output}: ${counts}`);
