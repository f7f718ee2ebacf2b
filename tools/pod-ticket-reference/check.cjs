// Reads ticket PODs as Zupass does, with @pcd/pod-ticket-pcd 0.5.1 (pinned by package-lock.json).
//   node check.cjs <jobs.json>   jobs: [POD JSON texts, as @pcd/pod's toJSON writes them]
// For each POD: its entries are read back into ticket data, field by field as TicketDataSchema's shape types
// them (the inverse of the package's dataToPodEntries), the data is parsed by TicketDataSchema, and a
// PODTicketPCD of that data with the POD's signature is checked by PODTicketPCDPackage.verify, which rebuilds the
// entries from the data (dataToPodEntries) and verifies the signature: it holds only if Zupass rebuilds exactly the
// entries that were signed. Prints [{ok, contentIdMatches, error?}] per job.
"use strict";
const fs = require("fs");
const { POD } = require("@pcd/pod");
const { PODTicketPCD, PODTicketPCDPackage, TicketDataSchema, ticketToPOD } = require("@pcd/pod-ticket-pcd");

function inner(field) {
    let def = field._def;
    while (def.typeName === "ZodOptional") def = def.innerType._def;
    return def.typeName === "ZodEffects" ? def.schema._def.typeName === "ZodOptional" ? def.schema._def.innerType._def.typeName : def.schema._def.typeName : def.typeName;
}

function ticketData(entries) {
    const data = {};
    for (const [key, field] of Object.entries(TicketDataSchema.shape)) {
        const entry = entries[key];
        if (entry === undefined) continue;
        switch (inner(field)) {
            case "ZodBoolean":
                if (entry.type !== "int" || (entry.value !== 0n && entry.value !== 1n)) throw new Error(`${key}: an int 0 or 1 expected, got ${entry.type}`);
                data[key] = entry.value === 1n;
                break;
            case "ZodNumber":
            case "ZodNativeEnum":
                if (entry.type !== "int") throw new Error(`${key}: an int expected, got ${entry.type}`);
                data[key] = Number(entry.value);
                break;
            default:
                data[key] = typeof entry.value === "bigint" ? entry.value.toString() : entry.value;
        }
    }
    return data;
}

async function main() {
    const results = [];
    for (const text of JSON.parse(fs.readFileSync(process.argv[2], "utf8"))) {
        try {
            const pod = POD.fromJSON(JSON.parse(text));
            const extra = Object.keys(pod.content.asEntries()).filter((k) => k !== "pod_type" && !(k in TicketDataSchema.shape));
            if (extra.length > 0) throw new Error(`entries the ticket schema does not have: ${extra.join(", ")}`);
            const ticket = TicketDataSchema.parse(ticketData(pod.content.asEntries()));
            const pcd = new PODTicketPCD("check", { ticket, signerPublicKey: pod.signerPublicKey }, { signature: pod.signature });
            results.push({ ok: await PODTicketPCDPackage.verify(pcd), contentIdMatches: ticketToPOD(pcd).contentID === pod.contentID });
        } catch (e) {
            results.push({ ok: false, contentIdMatches: false, error: String(e && e.message) });
        }
    }
    console.log(JSON.stringify(results));
}

main().then(() => process.exit(0), (e) => { console.error(e && e.stack || e); process.exit(1); });
