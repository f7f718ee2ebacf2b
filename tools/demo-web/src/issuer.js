// The issuer page: a Semaphore identity kept in the browser, a sign-in to the simulated "Demo Exchange" provider whose answer
// the simulated enclave notarizes (POST /demo/provider), the session's progress states as they happen (POST /nonce, POST
// /sessions/{id}/progress, GET /sessions/{id}), issuance (POST /issue), and the POD as a table, a JSON download and a QR code.
import { POD, encodePublicKey } from "@pcd/pod";
import { Buffer } from "buffer";
import QRCode from "qrcode";
import { loadOrCreateIdentity, replaceIdentity } from "./identity.js";

const $ = (id) => document.getElementById(id);
let identity = loadOrCreateIdentity();
let podJson = null;

function showIdentity() {
  $("identity-commitment").textContent = identity.commitment.toString();
  $("export-panel").hidden = true;
  $("identity-export").value = "";
}

$("export-identity").addEventListener("click", () => {
  $("identity-export").value = identity.export();
  $("export-panel").hidden = false;
  $("identity-export").focus();
  $("identity-export").select();
});
$("new-identity").addEventListener("click", () => {
  identity = replaceIdentity();
  showIdentity();
});

const stateLabels = {
  created: "Session created (the issuer's nonce)",
  provider_pending: "Signing in to Demo Exchange",
  provider_completed: "Demo Exchange answered",
  proof_generating: "The enclave is notarizing the answer (simulated)",
  proof_generated: "Notarized",
  submitting: "Submitting to the issuer",
  verified: "Verified: POD issued",
  rejected: "Rejected",
};

function addProgress(state, failed = false) {
  const item = document.createElement("li");
  item.dataset.state = state;
  item.className = failed ? "failed" : "done";
  item.textContent = `${stateLabels[state] ?? state} (${state})`;
  $("progress").append(item);
}

async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) {
    throw new Error(`${answer.code}: ${answer.description}`);
  }
  return answer;
}

// Reports a state to the issuer and shows the state the issuer now holds for the session.
async function report(sessionId, state) {
  const session = await call("POST", `/sessions/${encodeURIComponent(sessionId)}/progress`, { state });
  addProgress(session.state);
}

function showPod(json) {
  const pod = POD.fromJSON(json);
  const body = $("pod-entries").querySelector("tbody");
  body.replaceChildren();
  for (const [name, value] of Object.entries(pod.content.asEntries())) {
    const row = document.createElement("tr");
    const heading = document.createElement("th");
    heading.scope = "row";
    heading.textContent = name;
    row.append(heading);
    const shown = value.type === "date" ? value.value.toISOString().slice(0, 10)
      : value.type === "bytes" ? `${Buffer.from(value.value).toString("hex")} (hex)`
      : String(value.value);
    for (const text of [value.type, shown]) {
      const cell = document.createElement("td");
      cell.textContent = text;
      row.append(cell);
    }
    body.append(row);
  }
  $("content-id").textContent = pod.contentID.toString(16);
  $("signer").textContent = pod.signerPublicKey;
  podJson = JSON.stringify(json);
  QRCode.toDataURL(podJson, { errorCorrectionLevel: "L", margin: 2 }).then(
    (url) => { $("pod-qr").src = url; },
    () => { $("pod-qr").alt = "The POD is too large for one QR code; download it as JSON instead."; });
  $("result").hidden = false;
  $("result-heading").focus();
}

$("download-pod").addEventListener("click", () => {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([podJson], { type: "application/json" }));
  link.download = "identity-pod.json";
  link.click();
  URL.revokeObjectURL(link.href);
});

$("signin").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const button = $("get-pod");
  button.disabled = true;
  $("progress").replaceChildren();
  $("issue-error").hidden = true;
  $("result").hidden = true;
  let sessionId = null;
  try {
    const owner = encodePublicKey(identity.publicKey);
    const grant = await call("POST", "/nonce");
    sessionId = grant.sessionId;
    addProgress((await call("GET", `/sessions/${encodeURIComponent(sessionId)}`)).state);
    await report(sessionId, "provider_pending");
    await report(sessionId, "provider_completed");
    await report(sessionId, "proof_generating");
    const notarized = await call("POST", "/demo/provider", {
      nonce: grant.nonce,
      owner,
      firstName: form.get("firstName"),
      lastName: form.get("lastName"),
      birthDate: form.get("birthDate"),
      country: form.get("country"),
    });
    await report(sessionId, "proof_generated");
    await report(sessionId, "submitting");
    const issued = await call("POST", "/issue", {
      providerId: "kyc.demo.v1",
      payload: notarized.payload,
      owner,
      evidence: notarized.evidence,
    });
    addProgress((await call("GET", `/sessions/${encodeURIComponent(sessionId)}`)).state);
    showPod(issued.pod);
  } catch (error) {
    if (sessionId) {
      const session = await call("GET", `/sessions/${encodeURIComponent(sessionId)}`).catch(() => null);
      if (session) addProgress(session.state, true);
    }
    $("issue-error").textContent = `Issuance failed: ${error.message}`;
    $("issue-error").hidden = false;
  } finally {
    button.disabled = false;
  }
});

const verifier = new URLSearchParams(location.search).get("verifier");
$("to-verifier").href = verifier ? `${verifier.replace(/\/$/, "")}/demo/verifier.html` : "#";
showIdentity();
