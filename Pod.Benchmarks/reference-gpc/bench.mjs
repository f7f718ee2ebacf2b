// Timings of @pcd/gpc's gpcPreProve and gpcPreVerify, for comparison with Pod.Gpc (C#,
// Pod.Benchmarks/GpcBenchmarks.cs) on the same machine and the same inputs. See README.md.
//
//   node bench.mjs [--json] [--signals]      --signals: print each case's circuit inputs as JSON and exit
//   BENCH_SECONDS=<s>                        measured time per operation (default 1)
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import os from "node:os";
import { measure, lastResult } from "../reference/measure.mjs";

// CommonJS builds, as in ../reference/bench.mjs (the ESM builds fail to load on Node 20).
const require = createRequire(import.meta.url);
const { gpcPreProve, gpcPostProve, gpcPreVerify, boundConfigToJSON, revealedClaimsToJSON } = require("@pcd/gpc");
const { POD, encodePublicKey, podValueHash } = require("@pcd/pod");
const { Identity } = require("@semaphore-protocol/identity");
const podRequire = createRequire(require.resolve("@pcd/pod"));
const { poseidon2 } = podRequire("poseidon-lite");

const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
if (!(SECONDS > 0)) throw new Error("BENCH_SECONDS must be a positive number");

// ---- fixed, deterministic inputs (mirrored by Pod.Benchmarks/GpcBenchmarkInputs.cs) ----------------

const r = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
/** The i-th fixed field element, as in ../reference/bench.mjs. */
const fe = (i) => (0x9e3779b97f4a7c15f39cc0605cedc8341082276bf3a27251n * BigInt(i + 1)) ** 2n % r;
const bytes = (start) => Buffer.from(Array.from({ length: 32 }, (_, i) => start + i));
const hex = (start) => bytes(start).toString("hex");

const issuerKey = hex(0x00);
const clubKey = hex(0x40);
const owner = new Identity(bytes(0x20));
const ownerKey = encodePublicKey(owner.publicKey);
const date = (iso) => ({ type: "date", value: new Date(iso) });
const int = (n) => ({ type: "int", value: BigInt(n) });
const str = (s) => ({ type: "string", value: s });
const crypto = (n) => ({ type: "cryptographic", value: n });

const ticket = POD.sign({
  eventId: crypto(fe(1)),
  ticketId: str("T-0001"),
  owner: { type: "eddsa_pubkey", value: ownerKey },
  price: int(12500),
  attendee: str("Alice Liddell"),
  isConsumed: { type: "boolean", value: false },
  eventStart: date("2025-07-27T18:00:00.000Z"),
}, issuerKey);
const passport = POD.sign({
  age: int(42),
  birthDate: date("1983-05-23T00:00:00.000Z"),
  nationality: str("NL"),
  name: str("Alice Liddell"),
  score: int(17),
}, issuerKey);
const club = POD.sign({
  memberLevel: int(3),
  clubId: crypto(fe(7)),
  since: date("2020-01-01T00:00:00.000Z"),
}, clubKey);

const onePod = {
  config: {
    pods: {
      ticket: {
        entries: {
          owner: { isRevealed: false, isOwnerID: "SemaphoreV4" },
          eventId: { isRevealed: true },
          ticketId: { isRevealed: false },
        },
      },
    },
  },
  inputs: {
    pods: { ticket },
    owner: { semaphoreV4: owner, externalNullifier: str("vote-2025") },
    watermark: int(42),
  },
};

const threePods = {
  config: {
    pods: {
      ticket: {
        entries: {
          eventId: { isRevealed: false, isMemberOf: "events" },
          owner: { isRevealed: false, isOwnerID: "SemaphoreV4" },
        },
      },
      passport: {
        entries: {
          age: { isRevealed: false, inRange: { min: 18n, max: 150n } },
          nationality: { isRevealed: false, isNotMemberOf: "sanctioned" },
          score: { isRevealed: false, inRange: { min: -100n, max: 100n }, notInRange: { min: -5n, max: 5n } },
        },
      },
      club: {
        entries: { memberLevel: { isRevealed: true, inRange: { min: 1n, max: 10n } } },
        signerPublicKey: { isRevealed: false, isMemberOf: "clubIssuers" },
      },
    },
    uniquePODs: true,
    tuples: { pair: { entries: ["ticket.eventId", "passport.nationality"], isMemberOf: "pairs" } },
  },
  inputs: {
    pods: { ticket, passport, club },
    owner: { semaphoreV4: owner, externalNullifier: str("election-7") },
    membershipLists: {
      events: [crypto(fe(1)), ...Array.from({ length: 19 }, (_, i) => crypto(fe(100 + i)))],
      sanctioned: Array.from({ length: 10 }, (_, i) => str(`X${String.fromCharCode(65 + i)}`)),
      clubIssuers: [club.signerPublicKey, ticket.signerPublicKey, encodePublicKey(new Identity(bytes(0x60)).publicKey)]
        .map((k) => ({ type: "eddsa_pubkey", value: k })),
      pairs: ["NL", "DE", "FR", "BE", "LU"].map((c, i) => [crypto(fe(1 + i)), str(c)]),
    },
    watermark: str("three-pod-bench"),
  },
};

const cases = { "one POD, V4 owner and nullifier": onePod, "three PODs, 4 lists, tuple, bounds, V4 owner": threePods };

// Verifier inputs: the bound config and claims, with the nullifier hash the circuit would output.
for (const c of Object.values(cases)) {
  const { boundConfig, circuitDesc, circuitInputs } = gpcPreProve(c.config, c.inputs);
  const nullifierHash = poseidon2([podValueHash(c.inputs.owner.externalNullifier), owner.secretScalar]);
  const outputs = { ownerV3RevealedNullifierHash: circuitDesc.includeOwnerV3 ? [-1n] : [], ownerV4RevealedNullifierHash: [nullifierHash] };
  c.boundConfig = boundConfig;
  c.revealedClaims = gpcPostProve(undefined, boundConfig, circuitDesc, c.inputs, outputs).revealedClaims;
  c.circuitIdentifier = `${circuitDesc.family}_${circuitDesc.name}`;
  c.signals = JSON.stringify(circuitInputs, (_, v) => (typeof v === "bigint" ? v.toString() : v));
}

if (process.argv.includes("--signals")) {
  for (const [name, c] of Object.entries(cases)) {
    console.log(JSON.stringify({ name, circuit: c.circuitIdentifier, boundConfig: boundConfigToJSON(c.boundConfig), revealedClaims: revealedClaimsToJSON(c.revealedClaims), inputs: JSON.parse(c.signals) }));
  }
  process.exit(0);
}

const benchmarks = Object.fromEntries(Object.entries(cases).flatMap(([name, c]) => [
  [`gpcPreProve (${name})`, () => gpcPreProve(c.config, c.inputs)],
  [`gpcPreVerify (${name})`, () => gpcPreVerify(c.boundConfig, c.revealedClaims)],
]));

// ---- timing: the method of ../reference/bench.mjs ----------------------------------------------------


const json = process.argv.includes("--json");
const out = json ? (s) => process.stderr.write(s + "\n") : (s) => console.log(s);
const env = { node: process.version, cpu: os.cpus()[0]?.model ?? "unknown", logicalCpus: os.availableParallelism(), benchSeconds: SECONDS };
out(`Node ${env.node}, ${env.cpu} (${env.logicalCpus} logical CPUs), ${SECONDS} s per operation`);
for (const [name, c] of Object.entries(cases)) {
  out(`${name}: ${c.circuitIdentifier}, circuit inputs sha256 ${createHash("sha256").update(c.signals).digest("hex").slice(0, 16)}`);
}

out(`\n| operation | µs/op | ops/s |\n|---|---:|---:|`);
const results = [];
for (const [name, fn] of Object.entries(benchmarks)) {
  const m = measure(fn, SECONDS);
  results.push({ name, ...m });
  out(`| ${name} | ${(m.nsPerOp / 1000).toFixed(1)} | ${m.opsPerSec.toFixed(0)} |`);
}

if (json) console.log(JSON.stringify({ env, results }, null, 2));
if (lastResult() === Symbol.for("never")) console.log(lastResult());
