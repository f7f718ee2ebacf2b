// Proof requests (@parcnet-js/podspec's ProofRequest) between Pod and @pcd/gpc 0.4.1 / @pcd/pod 0.5.1 (pinned).
//   node request.cjs <jobs.json>   jobs: [request JSON text] written by Pod
// Each job is read member by member with the reference's own *FromJSON functions and written again with the *ToJSON
// functions; prints {"read": [text | "error: ..."], "made": text}, where "made" is a request built here from JS objects
// (a bigint bound, a list of public keys, a hidden signer), for Pod to read.
"use strict";
const fs = require("fs");
const { proofConfigFromJSON, proofConfigToJSON, podMembershipListsFromJSON, podMembershipListsToJSON } = require("@pcd/gpc");
const { deriveSignerPublicKey, podValueFromJSON, podValueToJSON } = require("@pcd/pod");

function write(request) {
    const json = { proofConfig: proofConfigToJSON(request.proofConfig), membershipLists: podMembershipListsToJSON(request.membershipLists) };
    if (request.externalNullifier !== undefined) json.externalNullifier = podValueToJSON(request.externalNullifier);
    if (request.watermark !== undefined) json.watermark = podValueToJSON(request.watermark);
    return JSON.stringify(json);
}

function read(text) {
    const json = JSON.parse(text);
    return {
        proofConfig: proofConfigFromJSON(json.proofConfig),
        membershipLists: podMembershipListsFromJSON(json.membershipLists),
        externalNullifier: json.externalNullifier === undefined ? undefined : podValueFromJSON(json.externalNullifier),
        watermark: json.watermark === undefined ? undefined : podValueFromJSON(json.watermark),
    };
}

const made = {
    proofConfig: {
        pods: {
            id: {
                entries: {
                    owner: { isRevealed: false, isOwnerID: "SemaphoreV4" },
                    birthDate: { isRevealed: false, inRange: { min: -(1n << 63n), max: 1104537600000n } },
                    country: { isRevealed: false, isNotMemberOf: "sanctioned" },
                },
                signerPublicKey: { isRevealed: false, isMemberOf: "trustedSigners" },
            },
        },
    },
    membershipLists: {
        sanctioned: [{ type: "string", value: "XX" }, { type: "string", value: "YY" }],
        trustedSigners: [{ type: "eddsa_pubkey", value: deriveSignerPublicKey("AAECAwQFBgcICQABAgMEBQYHCAkAAQIDBAUGBwgJAAE=") }],
    },
    externalNullifier: { type: "string", value: "airdrop-2026" },
    watermark: { type: "int", value: 9007199254740993n },
};

const jobs = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const results = jobs.map((text) => { try { return write(read(text)); } catch (e) { return `error: ${e && e.message}`; } });
console.log(JSON.stringify({ read: results, made: write(made) }));
