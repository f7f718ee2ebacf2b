// The reference side of Pod's live differential (Pod.Tests/Differential/ReferenceDifferentialTests.cs), with
// @pcd/pod 0.5.1 and @pcd/gpc 0.4.1 as pinned by package-lock.json. Commands (JSON results go to stdout):
//   check-pods <jobs.json>             jobs: [{json, privateKey}]: PODs Pod signed, loaded here: POD.fromJSON, its
//                                      content ID, verifySignature, toJSON, and POD.sign of its entries with the key
//   make-pods <seed> <count>           random PODs signed here (every value type and edge), for Pod to load
//   gpc <jobs.json> <artifacts dir>    jobs: [{proofConfig, pods, membershipLists?, owner?, watermark?}] as JSON:
//                                      gpcBindConfig, gpcPreProve, then the circuit's outputs from its own wasm witness
//                                      and makeRevealedClaims (what gpcProve returns, without the Groth16 proof)
// Errors are answers ({error}), never a failed run: refusing is the reference's decision to compare.
"use strict";
const fs = require("fs");
const pod = require("@pcd/pod");
const gpc = require("@pcd/gpc");
const { ProtoPODGPC, gpcArtifactPaths } = require("@pcd/gpcircuits");
const { Identity } = require("@semaphore-protocol/identity");
const { Identity: IdentityV3 } = require("@pcd/semaphore-identity-v3-wrapper");
const { WitnessCalculatorBuilder } = require("circom_runtime");

const R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

async function main() {
    const [command, ...args] = process.argv.slice(2);
    if (command === "check-pods") {
        await emit(readJobs(args[0]).map(checkPod));
    } else if (command === "make-pods") {
        await emit(makePods(Number(args[0]), Number(args[1])));
    } else if (command === "gpc") {
        const results = [];
        for (const job of readJobs(args[0])) {
            results.push(await compile(job, args[1]));
        }
        await emit(results);
    } else {
        throw new Error(`unknown command ${command}`);
    }
}

// Resolves once the whole answer is written: a pipe takes large writes asynchronously, and exiting earlier cuts them.
function emit(value) {
    return new Promise((resolve, reject) => process.stdout.write(JSON.stringify(value) + "\n", (e) => (e ? reject(e) : resolve())));
}

function readJobs(file) {
    return JSON.parse(fs.readFileSync(file, "utf8"));
}

function errorOf(e) {
    return { error: `${(e && e.constructor && e.constructor.name) || "Error"}: ${(e && e.message) || e}` };
}

function checkPod(job) {
    try {
        const loaded = pod.POD.fromJSON(JSON.parse(job.json));
        const result = {
            contentID: loaded.contentID.toString(),
            verified: loaded.verifySignature(),
            json: JSON.stringify(loaded.toJSON()),
        };
        try {
            result.resigned = JSON.stringify(pod.POD.sign(loaded.content.asEntries(), job.privateKey).toJSON());
        } catch (e) {
            result.resigned = errorOf(e).error;
        }
        return result;
    } catch (e) {
        return errorOf(e);
    }
}

// mulberry32: a small seeded generator, so a seed replays the same PODs.
function random(seed) {
    let a = seed >>> 0;
    const next = () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (n) => Math.floor(next() * n);
    const pick = (items) => items[int(items.length)];
    const bytes = (n) => Uint8Array.from({ length: n }, () => int(256));
    const bigBits = (bits) => {
        let v = 0n;
        for (let i = 0; i < bits; i += 16) v = (v << 16n) | BigInt(int(65536));
        return v & ((1n << BigInt(bits)) - 1n);
    };
    return { next, int, pick, bytes, bigBits };
}

// Names that sort differently by ordinal and by culture, JavaScript object members, long ones. __proto__ is
// left to the Pod-to-reference direction: the reference's toJSON drops it (docs/compatibility.md #6).
const NAME_POOL = ["a", "A", "b", "B", "_", "__", "_a", "Z", "z", "a_b", "aB", "ab", "a1", "a10", "a9", "constructor",
    "toString", "hasOwnProperty", "valueOf", "length", "x".repeat(200)];
const NAME_START = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_";
const NAME_REST = NAME_START + "0123456789";
const TEXT_POOL = ["", " ", "a", "héllo", "日本語", "😀", "𝄞 music", "e\u0301", "\u0000", "\u2028\u2029", "\ufeffbom",
    "quote \" backslash \\ newline \n tab \t", "\u001f", "\uffff", "</script>", "x".repeat(1000)];

function randomName(g) {
    if (g.int(3) === 0) return g.pick(NAME_POOL);
    let name = NAME_START[g.int(NAME_START.length)];
    for (let i = g.int(12); i > 0; i--) name += NAME_REST[g.int(NAME_REST.length)];
    return name;
}

function randomText(g) {
    if (g.int(2) === 0) return g.pick(TEXT_POOL);
    let text = "";
    for (let i = g.int(20); i > 0; i--) {
        const kind = g.int(4);
        text += kind === 0 ? String.fromCodePoint(0x10000 + g.int(0xfffff)) // astral
            : kind === 1 ? String.fromCharCode(0x80 + g.int(0xd700)) // BMP below the surrogates
                : String.fromCharCode(0x20 + g.int(0x5f));
    }
    return text;
}

function randomValue(g) {
    switch (g.int(8)) {
        case 0: return { type: "string", value: randomText(g) };
        case 1: return { type: "bytes", value: g.bytes(g.int(8) === 0 ? g.int(400) : g.int(40)) };
        case 2: return { type: "cryptographic", value: g.pick([0n, 1n, R - 1n, R - 2n, 1n << 64n, g.bigBits(253) % R, g.bigBits(40)]) };
        case 3: return { type: "int", value: g.pick([pod.POD_INT_MIN, pod.POD_INT_MAX, 0n, -1n, 1n, (1n << 53n) + 1n, -(1n << 53n) - 1n,
            g.bigBits(63) - (1n << 62n), BigInt(g.int(2000) - 1000)]) };
        case 4: return { type: "boolean", value: g.int(2) === 0 };
        case 5: return { type: "eddsa_pubkey", value: pod.deriveSignerPublicKey(pod.encodePrivateKey(Buffer.from(g.bytes(32)))) };
        case 6: return { type: "date", value: new Date(g.pick([-8640000000000000, 8640000000000000, 0, -1, 1, -8639999999999999,
            -g.int(2 ** 31) * 1000, Math.floor((g.next() - 0.5) * 2 * 8.64e15), Math.floor(g.next() * 4e12)])) };
        default: return { type: "null", value: null };
    }
}

function makePods(seed, count) {
    const g = random(seed);
    const made = [];
    for (let i = 0; i < count; i++) {
        const entries = {};
        const size = g.int(4) === 0 ? 1 + g.int(64) : 1 + g.int(12);
        while (Object.keys(entries).length < size) {
            entries[randomName(g)] = randomValue(g);
        }
        const privateKey = pod.encodePrivateKey(Buffer.from(g.bytes(32)));
        const signed = pod.POD.sign(entries, privateKey);
        made.push({ json: JSON.stringify(signed.toJSON()), contentID: signed.contentID.toString(), privateKey });
    }
    return made;
}

const calculators = new Map();

async function circuitOutputs(artifacts, circuitDesc, circuitInputs) {
    const { wasmPath } = gpcArtifactPaths(artifacts, circuitDesc);
    if (!calculators.has(wasmPath)) {
        calculators.set(wasmPath, await WitnessCalculatorBuilder(fs.readFileSync(wasmPath)));
    }
    const witness = await calculators.get(wasmPath).calculateWitness(circuitInputs, true);
    // Signal 0 is the constant 1; the main component's outputs come next, in the order of the public signals.
    return ProtoPODGPC.outputsFromPublicSignals(witness.slice(1), circuitDesc.maxEntries, 2 * circuitDesc.maxObjects,
        circuitDesc.includeOwnerV3, circuitDesc.includeOwnerV4);
}

function signals(inputs) {
    return JSON.parse(JSON.stringify(inputs, (_, v) => (typeof v === "bigint" ? v.toString() : v)));
}

async function compile(job, artifacts) {
    const result = {};
    let proofConfig;
    try {
        proofConfig = gpc.proofConfigFromJSON(JSON.parse(job.proofConfig));
    } catch (e) {
        result.proofConfigFromJSON = errorOf(e);
        return result;
    }
    try {
        const { boundConfig, circuitDesc } = gpc.gpcBindConfig(proofConfig);
        result.bind = { circuitIdentifier: boundConfig.circuitIdentifier, boundConfig: JSON.stringify(gpc.boundConfigToJSON(boundConfig)) };
    } catch (e) {
        result.bind = errorOf(e);
    }
    let proofInputs;
    try {
        const owner = job.owner && {
            semaphoreV4: job.owner.v4PrivateKeyHex && new Identity(Buffer.from(job.owner.v4PrivateKeyHex, "hex")),
            semaphoreV3: job.owner.v3 && new IdentityV3(JSON.stringify([job.owner.v3.trapdoor, job.owner.v3.nullifier])),
            externalNullifier: job.owner.externalNullifier && pod.podValueFromJSON(JSON.parse(job.owner.externalNullifier)),
        };
        for (const key of Object.keys(owner || {})) if (owner[key] === undefined) delete owner[key];
        proofInputs = {
            pods: Object.fromEntries(Object.entries(job.pods).map(([name, json]) => [name, pod.POD.fromJSON(JSON.parse(json))])),
            ...(owner ? { owner } : {}),
            ...(job.membershipLists ? { membershipLists: gpc.podMembershipListsFromJSON(JSON.parse(job.membershipLists)) } : {}),
            ...(job.watermark ? { watermark: pod.podValueFromJSON(JSON.parse(job.watermark)) } : {}),
        };
    } catch (e) {
        result.inputs = errorOf(e);
        return result;
    }
    let prepared;
    try {
        prepared = gpc.gpcPreProve(proofConfig, proofInputs);
        result.preProve = {
            circuitIdentifier: prepared.boundConfig.circuitIdentifier,
            boundConfig: JSON.stringify(gpc.boundConfigToJSON(prepared.boundConfig)),
            circuitInputs: signals(prepared.circuitInputs),
        };
    } catch (e) {
        result.preProve = errorOf(e);
        return result;
    }
    // The circuit's own witness can still refuse what gpcPreProve's checks passed: a stage of its own.
    try {
        const { boundConfig, circuitDesc, circuitInputs } = prepared;
        const outputs = await circuitOutputs(artifacts, circuitDesc, circuitInputs);
        const claims = gpc.makeRevealedClaims(boundConfig, circuitDesc, proofInputs, outputs);
        result.circuit = { circuitOutputs: signals(outputs), revealedClaims: JSON.stringify(gpc.revealedClaimsToJSON(claims)) };
    } catch (e) {
        result.circuit = errorOf(e);
    }
    return result;
}

main().then(() => process.exit(0), (e) => { console.error(e && e.stack || e); process.exit(1); });
