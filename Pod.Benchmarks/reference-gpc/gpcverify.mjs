// @pcd/gpc's gpcVerify (JSON in: proof, bound config, revealed claims; keys from the installed artifacts
// package) on two proofs of the vectors, for comparison with Pod's GpcVerifier (Groth16Benchmarks.cs).
//   node gpcverify.mjs        (run `bash test.sh` or `npm ci --prefix tools/gpc-artifacts` first)
//   BENCH_SECONDS=<s> per proof (default 3)
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const { gpcVerify, boundConfigFromJSON, revealedClaimsFromJSON } = require("@pcd/gpc");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const vectors = new URL("../../Pod.Tests/Vectors/", import.meta.url);
const artifacts = new URL("../../tools/gpc-artifacts/node_modules/@pcd/proto-pod-gpc-artifacts/", import.meta.url).pathname;
const proofs = JSON.parse(readFileSync(new URL("gpc-proofs.json", vectors), "utf8")).proofs;

console.log(`Node ${process.version}, @pcd/gpc gpcVerify, ${SECONDS} s per proof`);
console.log("\n| proof | public signals | ms/verify |\n|---|---:|---:|");
for (const id of ["pub-01-reveal-single-string", "pub-20-largest-circuit-v3-4lists-tuple"]) {
  const p = proofs.find((x) => x.id === id);
  const run = () => gpcVerify(p.proof, boundConfigFromJSON(p.boundConfig), revealedClaimsFromJSON(p.revealedClaims), artifacts);
  if (!(await run())) throw new Error(`${id} does not verify`);
  for (let i = 0; i < 3; i++) await run(); // warm-up
  let n = 0;
  const t0 = process.hrtime.bigint();
  while (Number(process.hrtime.bigint() - t0) < SECONDS * 1e9) {
    await run();
    n++;
  }
  console.log(`| ${id} | ${p.publicSignals.length} | ${(Number(process.hrtime.bigint() - t0) / 1e6 / n).toFixed(2)} |`);
}
process.exit(0);
