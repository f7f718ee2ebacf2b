// gpcVerify from @pcd/gpc 0.4.1 (pinned by package-lock.json) on proofs made elsewhere (Pod's GpcProver).
//   node verify.cjs <jobs.json> <artifacts dir>   jobs: [{proof, boundConfig, revealedClaims}] as JSON texts
// Prints [true|false|"error: ..."] per job.
"use strict";
const fs = require("fs");
const { gpcVerify, boundConfigFromJSON, revealedClaimsFromJSON } = require("@pcd/gpc");

async function main() {
    const [jobsFile, artifacts] = process.argv.slice(2);
    const results = [];
    for (const job of JSON.parse(fs.readFileSync(jobsFile, "utf8"))) {
        try {
            results.push(await gpcVerify(
                JSON.parse(job.proof),
                boundConfigFromJSON(JSON.parse(job.boundConfig)),
                revealedClaimsFromJSON(JSON.parse(job.revealedClaims)),
                artifacts));
        } catch (e) {
            results.push(`error: ${e && e.message}`);
        }
    }
    console.log(JSON.stringify(results));
}

main().then(() => process.exit(0), (e) => { console.error(e && e.stack || e); process.exit(1); });
