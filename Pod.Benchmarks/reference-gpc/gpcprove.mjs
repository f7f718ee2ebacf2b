// @pcd/gpc's gpcProve end to end on the jobs Pod.Benchmarks writes (gpc-prove mode): the same POD, config and
// owner identity. Each job is proven once untimed (artifacts read, circuit loaded), then RUNS times.
//   node gpcprove.mjs <jobs.json> <artifacts dir> <runs>
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// CommonJS builds, as in bench.mjs (the ESM builds fail to load on Node 20).
const require = createRequire(import.meta.url);
const { gpcProve, proofConfigFromJSON } = require("@pcd/gpc");
const { POD } = require("@pcd/pod");
const { Identity } = require("@semaphore-protocol/identity");

const [jobsFile, artifacts, runsText] = process.argv.slice(2);
const runs = Number(runsText);
for (const job of JSON.parse(readFileSync(jobsFile, "utf8"))) {
    const config = proofConfigFromJSON(JSON.parse(job.config));
    const inputs = {
        pods: { ticket: POD.fromJSON(JSON.parse(job.pod)) },
        owner: { semaphoreV4: new Identity(Buffer.from(job.ownerPrivateKeyHex, "hex")), externalNullifier: { type: "string", value: "bench" } },
        watermark: { type: "int", value: 1n },
    };
    await gpcProve(config, inputs, artifacts);
    const times = [];
    for (let i = 0; i < runs; i++) {
        const start = process.hrtime.bigint();
        await gpcProve(config, inputs, artifacts);
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    times.sort((a, b) => a - b);
    console.log(`@pcd/gpc gpcProve ${job.circuit}: median ${times[Math.floor(times.length / 2)].toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(", ")})`);
}
process.exit(0);
