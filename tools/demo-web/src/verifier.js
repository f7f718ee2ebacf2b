// The verifier page, holder side included: it shows the verifier's proof request (GET /request), proves it in the page with
// @pcd/gpc's gpcProve over a POD and identity the holder loads (the circuit files from the service's /artifacts/), and sends
// {proof, boundConfig, revealedClaims} to POST /verify, showing the answer or its {code, description}.
import {
  boundConfigToJSON,
  gpcPreProve,
  gpcProve,
  podMembershipListsFromJSON,
  proofConfigFromJSON,
  revealedClaimsToJSON,
} from "@pcd/gpc";
import { POD, podValueFromJSON } from "@pcd/pod";
import { importIdentity } from "./identity.js";

const $ = (id) => document.getElementById(id);

async function fetchRequest() {
  const response = await fetch("/request");
  const answer = await response.json();
  if (!response.ok) {
    throw new Error(`${answer.code}: ${answer.description}`);
  }
  showRequest(answer);
  return answer;
}

// A bound as written, and as the date it is when the entry is a date (milliseconds since 1970, within JavaScript's dates).
function bound(value) {
  const date = new Date(Number(value));
  return Number.isNaN(date.getTime()) ? String(value) : `${value} (as a date: ${date.toISOString().slice(0, 10)})`;
}

function describeEntry(podName, name, entry) {
  const parts = [];
  if (entry.isRevealed) parts.push("revealed");
  else parts.push("kept hidden");
  if (entry.isOwnerID) parts.push(`owned by your ${entry.isOwnerID} identity`);
  if (entry.equalsEntry) parts.push(`equal to ${entry.equalsEntry}`);
  if (entry.inRange) parts.push(`between ${bound(entry.inRange.min)} and ${bound(entry.inRange.max)}`);
  if (entry.notInRange) parts.push(`not between ${bound(entry.notInRange.min)} and ${bound(entry.notInRange.max)}`);
  for (const op of ["lessThan", "lessThanEq", "greaterThan", "greaterThanEq"]) {
    if (entry[op]) parts.push(`${op} ${entry[op]}`);
  }
  if (entry.isMemberOf) parts.push(`in the list "${entry.isMemberOf}"`);
  if (entry.isNotMemberOf) parts.push(`not in the list "${entry.isNotMemberOf}"`);
  return `${podName}.${name}: ${parts.join(", ")}`;
}

function showRequest(request) {
  const items = [];
  for (const [podName, pod] of Object.entries(request.proofConfig.pods ?? {})) {
    for (const [name, entry] of Object.entries(pod.entries ?? {})) {
      items.push(describeEntry(podName, name, entry));
    }
    if (pod.signerPublicKey?.isRevealed !== false) items.push(`${podName}: its issuer's public key is revealed`);
  }
  for (const [listName, values] of Object.entries(request.membershipLists ?? {})) {
    items.push(`list "${listName}": ${values.map((v) => JSON.stringify(v)).join(", ")}`);
  }
  if (request.externalNullifier !== undefined) {
    items.push(`one claim per identity for ${JSON.stringify(request.externalNullifier)} (its nullifier is revealed, not the identity)`);
  }
  if (request.watermark !== undefined) items.push(`this request's watermark: ${JSON.stringify(request.watermark)}`);
  $("request-summary").replaceChildren(...items.map((text) => {
    const li = document.createElement("li");
    li.textContent = text;
    return li;
  }));
  $("request-json").textContent = JSON.stringify(request, null, 2);
}

$("pod-file").addEventListener("change", async () => {
  const file = $("pod-file").files[0];
  if (file) $("pod-json").value = await file.text();
});

function status(text, failed = false) {
  $("prove-status").textContent = text;
  $("prove-status").className = failed ? "error" : "";
}

$("prove-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  $("prove").disabled = true;
  $("proving").hidden = false;
  const started = performance.now();
  try {
    status("Fetching a fresh proof request…");
    const request = await fetchRequest();
    const proofConfig = proofConfigFromJSON(request.proofConfig);
    const podNames = Object.keys(proofConfig.pods);
    if (podNames.length !== 1) throw new Error(`The request names ${podNames.length} PODs; this page holds one.`);
    let pod;
    try {
      pod = POD.fromJSON(JSON.parse($("pod-json").value));
    } catch (error) {
      throw new Error(`The POD could not be read: ${error.message}`);
    }
    const inputs = {
      pods: { [podNames[0]]: pod },
      owner: {
        semaphoreV4: importIdentity($("identity").value),
        externalNullifier: request.externalNullifier === undefined ? undefined : podValueFromJSON(request.externalNullifier),
      },
      membershipLists: request.membershipLists === undefined ? undefined : podMembershipListsFromJSON(request.membershipLists),
      watermark: request.watermark === undefined ? undefined : podValueFromJSON(request.watermark),
    };
    // The checks gpcProve makes first, run apart so the circuit can be named (and a POD that does not meet the request,
    // such as a birth date outside the range, is refused here, before any proving).
    const { circuitDesc } = gpcPreProve(proofConfig, inputs);
    status(`Proving on circuit ${circuitDesc.family}_${circuitDesc.name} (fetching its files from this service)…`);
    const { proof, boundConfig, revealedClaims } = await gpcProve(proofConfig, inputs, new URL("/artifacts/", location.href).href);
    $("proof").value = JSON.stringify({
      proof,
      boundConfig: boundConfigToJSON(boundConfig),
      revealedClaims: revealedClaimsToJSON(revealedClaims),
    }, null, 2);
    status(`Proof made in ${((performance.now() - started) / 1000).toFixed(1)} s on ${boundConfig.circuitIdentifier}. Send it below.`);
  } catch (error) {
    status(`Cannot prove: ${error.message}`, true);
  } finally {
    $("proving").hidden = true;
    $("prove").disabled = false;
  }
});

$("submit-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const answer = $("answer");
  delete answer.dataset.code;
  answer.textContent = "Sending…";
  answer.className = "answer";
  try {
    const response = await fetch("/verify", { method: "POST", headers: { "Content-Type": "application/json" }, body: $("proof").value });
    const body = await response.json();
    answer.dataset.code = response.ok ? body.status : body.code;
    if (response.ok) {
      answer.textContent = `Accepted — first claim (nullifier ${body.nullifierHash}).`;
      answer.className = "answer ok";
    } else if (body.code === "nullifier_used") {
      answer.textContent = `Already claimed: ${body.description} (${body.code})`;
      answer.className = "answer error";
    } else {
      answer.textContent = `Refused: ${body.description} (${body.code})`;
      answer.className = "answer error";
    }
  } catch (error) {
    answer.dataset.code = "network";
    answer.textContent = `The verifier could not be reached: ${error.message}`;
    answer.className = "answer error";
  }
  // A request's watermark is for one proof: show the next one.
  fetchRequest().catch(() => {});
});

fetchRequest().catch((error) => {
  $("request-summary").replaceChildren(Object.assign(document.createElement("li"), { textContent: `No proof request: ${error.message}` }));
});
