// snarkjs groth16.verify on two proofs made by @pcd/gpc (the smallest and the largest circuit of the
// vectors), for comparison with Pod's Groth16 verifier (Pod.Benchmarks/Groth16Benchmarks.cs).
//   node groth16.mjs            BENCH_SECONDS=<s> per proof (default 3)
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const snarkjs = require("snarkjs");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const vectors = new URL("../../Pod.Tests/Vectors/", import.meta.url);
const proofs = JSON.parse(readFileSync(new URL("gpc-proofs.json", vectors), "utf8")).proofs;
const vkeys = JSON.parse(readFileSync(new URL("gpc-vkeys.json", vectors), "utf8")).vkeys;

const snarkjsVersion = JSON.parse(readFileSync(new URL("./node_modules/snarkjs/package.json", import.meta.url), "utf8")).version;
console.log(`Node ${process.version}, snarkjs ${snarkjsVersion}, ${SECONDS} s per proof`);
console.log("\n| proof | public signals | ms/verify |\n|---|---:|---:|");
for (const id of ["pub-01-reveal-single-string", "pub-20-largest-circuit-v3-4lists-tuple"]) {
  const p = proofs.find((x) => x.id === id);
  const vk = vkeys[p.circuitIdentifier];
  if (!(await snarkjs.groth16.verify(vk, p.publicSignals, p.proof))) throw new Error(`${id} does not verify`);
  for (let i = 0; i < 5; i++) await snarkjs.groth16.verify(vk, p.publicSignals, p.proof); // warm-up
  let n = 0;
  const t0 = process.hrtime.bigint();
  while (Number(process.hrtime.bigint() - t0) < SECONDS * 1e9) {
    await snarkjs.groth16.verify(vk, p.publicSignals, p.proof);
    n++;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6 / n;
  console.log(`| ${id} | ${p.publicSignals.length} | ${ms.toFixed(2)} |`);
}
process.exit(0);
