// Timings of the JavaScript reference stack (poseidon-lite, @zk-kit/eddsa-poseidon, @pcd/pod),
// for comparison with Pod (C#) on the same machine. See README.md.
//
//   node bench.mjs [group ...] [--json]      groups: core, pod (default: all)
//   BENCH_SECONDS=<s>                        measured time per operation (default 1)
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import os from "node:os";
import { measure, lastResult } from "./measure.mjs";

// The packages are loaded through their CommonJS builds: the ESM build of
// @zk-kit/eddsa-poseidon 1.1.0 (also pulled in by @pcd/pod's ESM build) fails on
// Node 20 with "Named export 'blake2bFinal' not found" from the CommonJS blakejs.
const require = createRequire(import.meta.url);
const { poseidon1, poseidon2, poseidon16 } = require("poseidon-lite");
const { derivePublicKey, signMessage, verifySignature } = require("@zk-kit/eddsa-poseidon");
const { POD, PODContent, POD_CRYPTOGRAPHIC_MAX } = require("@pcd/pod");
// F1Field from the @zk-kit/utils that eddsa-poseidon itself depends on (its inv is extended Euclid).
const eddsaRequire = createRequire(require.resolve("@zk-kit/eddsa-poseidon"));
const { F1Field } = eddsaRequire("@zk-kit/utils");

const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
if (!(SECONDS > 0)) throw new Error("BENCH_SECONDS must be a positive number");

// ---- fixed, deterministic inputs -------------------------------------------------------------

// BN254 scalar field order.
const r = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
if (POD_CRYPTOGRAPHIC_MAX !== r - 1n) throw new Error("unexpected field order");
const Fr = new F1Field(r);

/** The i-th fixed field element: a full-width value below r. */
const fe = (i) => (0x9e3779b97f4a7c15f39cc0605cedc8341082276bf3a27251n * BigInt(i + 1)) ** 2n % r;
const inputs16 = Array.from({ length: 16 }, (_, i) => fe(i));

const privateKeyHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const privateKey = Buffer.from(privateKeyHex, "hex"); // POD.sign takes the same key as hex
const message = fe(100);
const publicKey = derivePublicKey(privateKey);
const signature = signMessage(privateKey, message);

/** n entries with names entry_000..., cycling string / int / cryptographic values. */
function podEntries(n) {
  const entries = {};
  for (let i = 0; i < n; i++) {
    const name = `entry_${String(i).padStart(3, "0")}`;
    if (i % 3 === 0) entries[name] = { type: "string", value: `value number ${i}` };
    else if (i % 3 === 1) entries[name] = { type: "int", value: BigInt(i % 2 ? -i : i) * 1_000_003n };
    else entries[name] = { type: "cryptographic", value: fe(i) };
  }
  return entries;
}
const entries = { 4: podEntries(4), 10: podEntries(10), 32: podEntries(32), 100: podEntries(100) };
const pods = { 4: POD.sign(entries[4], privateKeyHex), 32: POD.sign(entries[32], privateKeyHex) };

// Sanity checks, so a broken setup fails loudly instead of timing garbage.
const check = (ok, what) => { if (!ok) throw new Error(`sanity check failed: ${what}`); };
check(poseidon2([1n, 2n]) === 7853200120776062878684798364095072458815029376092732009249414926327459813530n, "poseidon2([1, 2])");
check(Fr.mul(fe(0), Fr.inv(fe(0))) === 1n, "inverse");
check(verifySignature(message, signature, publicKey), "EdDSA signature");
for (const pod of Object.values(pods)) {
  check(pod.verifySignature(), "POD signature");
  check(POD.fromJSON(JSON.parse(JSON.stringify(pod.toJSON()))).contentID === pod.contentID, "JSON round trip");
}

// ---- benchmarks ---------------------------------------------------------------------------------
// Each function does one operation. The library caches a POD's content ID (Merkle root) on its
// PODContent, so everything that should include hashing builds a fresh object from the entries.

let x = fe(1), y = fe(2);
const benchmarks = {
  core: {
    "Fr mul: (a * b) % r (BigInt)": () => (x = (x * y) % r),
    "Fr inverse: F1Field.inv (@zk-kit/utils)": () => (x = Fr.inv(x)),
    "poseidon1": () => poseidon1([inputs16[0]]),
    "poseidon2": () => poseidon2([inputs16[0], inputs16[1]]),
    "poseidon16": () => poseidon16(inputs16),
    "derivePublicKey": () => derivePublicKey(privateKey),
    "signMessage": () => signMessage(privateKey, message),
    "verifySignature": () => verifySignature(message, signature, publicKey),
  },
  pod: {
    ...Object.fromEntries([4, 32].flatMap((n) => [
      [`POD.sign (${n} entries)`, () => POD.sign(entries[n], privateKeyHex)],
      [`pod.verifySignature (${n} entries, content ID cached)`, () => pods[n].verifySignature()],
      [`POD.load + verifySignature (${n} entries)`,
        () => POD.load(entries[n], pods[n].signature, pods[n].signerPublicKey).verifySignature()],
    ])),
    ...Object.fromEntries([10, 100].map((n) => [
      `PODContent.fromEntries(...).contentID (${n} entries)`, () => PODContent.fromEntries(entries[n]).contentID,
    ])),
    ...Object.fromEntries([4, 32].map((n) => [
      `JSON round trip (${n} entries)`, () => POD.fromJSON(JSON.parse(JSON.stringify(pods[n].toJSON()))),
    ])),
  },
};

// ---- timing ---------------------------------------------------------------------------------------


// ---- main ------------------------------------------------------------------------------------------

const args = process.argv.slice(2);
const json = args.includes("--json");
const groups = args.filter((a) => a !== "--json");
for (const g of groups) {
  if (!(g in benchmarks)) {
    console.error(`unknown group '${g}' (known: ${Object.keys(benchmarks).join(", ")})`);
    process.exit(2);
  }
}

const version = (file) => JSON.parse(readFileSync(file, "utf8")).version;
const pkgVersion = (name) => version(new URL(`./node_modules/${name}/package.json`, import.meta.url));
const env = {
  node: process.version,
  cpu: os.cpus()[0]?.model ?? "unknown",
  logicalCpus: os.availableParallelism(),
  benchSeconds: SECONDS,
  packages: {
    "poseidon-lite": pkgVersion("poseidon-lite"),
    "@zk-kit/eddsa-poseidon": pkgVersion("@zk-kit/eddsa-poseidon"),
    "@zk-kit/utils (of eddsa-poseidon)": version(join(dirname(eddsaRequire.resolve("@zk-kit/utils")), "..", "package.json")),
    "@pcd/pod": pkgVersion("@pcd/pod"),
  },
};

// With --json the table goes to stderr so that stdout is pure JSON.
const out = json ? (s) => process.stderr.write(s + "\n") : (s) => console.log(s);
out(`Node ${env.node}, ${env.cpu} (${env.logicalCpus} logical CPUs), ${SECONDS} s per operation`);
out(Object.entries(env.packages).map(([n, v]) => `${n} ${v}`).join(", "));

const results = [];
for (const group of groups.length ? groups : Object.keys(benchmarks)) {
  out(`\n### ${group}\n\n| operation | ns/op | ops/s |\n|---|---:|---:|`);
  for (const [name, fn] of Object.entries(benchmarks[group])) {
    const m = measure(fn, SECONDS);
    results.push({ group, name, ...m });
    const fmt = (v, digits) => v.toLocaleString("en-US", { maximumFractionDigits: digits });
    out(`| ${name} | ${fmt(m.nsPerOp, m.nsPerOp < 1000 ? 1 : 0)} | ${fmt(m.opsPerSec, m.opsPerSec < 100 ? 1 : 0)} |`);
  }
}
if (json) console.log(JSON.stringify({ env, results }, null, 2));
if (lastResult() === Symbol.for("never")) console.log(lastResult()); // keep results observable
