// The reference for Pod's proving tests and benchmarks: snarkjs 0.7.6 (pinned by package-lock.json).
// Commands (paths are files; JSON results go to stdout):
//   wtns <jobs.json>                   jobs: [{wasm, input, output}]: snarkjs wtns calculate for each
//   verify <jobs.json>                 jobs: [{vkey, proof, public}]: prints [true|false, ...] (groth16.verify)
//   prove <zkey> <wtns> <runs>         times groth16.prove from a witness: prints {medianMs, runs}
//   wtnsbench <wasm> <input> <runs>    times wtns calculate (the calculator rebuilt each run, as snarkjs does)
"use strict";
const fs = require("fs");
const snarkjs = require("snarkjs");

async function main() {
    const [command, ...args] = process.argv.slice(2);
    if (command === "wtns") {
        for (const job of JSON.parse(fs.readFileSync(args[0], "utf8"))) {
            const input = JSON.parse(fs.readFileSync(job.input, "utf8"));
            await snarkjs.wtns.calculate(input, job.wasm, job.output);
        }
        console.log(JSON.stringify({ ok: true }));
    } else if (command === "verify") {
        const results = [];
        for (const job of JSON.parse(fs.readFileSync(args[0], "utf8"))) {
            const read = (f) => JSON.parse(fs.readFileSync(f, "utf8"));
            results.push(await snarkjs.groth16.verify(read(job.vkey), read(job.public), read(job.proof)));
        }
        console.log(JSON.stringify(results));
    } else if (command === "prove") {
        const [zkey, wtns, runs] = args;
        const times = [];
        for (let i = 0; i < Number(runs); i++) {
            const start = process.hrtime.bigint();
            await snarkjs.groth16.prove(zkey, wtns);
            times.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
        console.log(JSON.stringify({ medianMs: median(times), runs: times }));
    } else if (command === "wtnsbench") {
        const [wasm, inputFile, runs] = args;
        const input = JSON.parse(fs.readFileSync(inputFile, "utf8"));
        const times = [];
        for (let i = 0; i < Number(runs); i++) {
            const start = process.hrtime.bigint();
            await snarkjs.wtns.calculate(input, wasm, { type: "mem" });
            times.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
        console.log(JSON.stringify({ medianMs: median(times), runs: times }));
    } else {
        throw new Error(`unknown command ${command}`);
    }
}

function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

main().then(() => process.exit(0), (e) => { console.error(e && e.stack || e); process.exit(1); });
