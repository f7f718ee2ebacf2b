// The election sample's live tally: GET /election once (its id and candidates), then GET /tally every two seconds.
const $ = (id) => document.getElementById(id);

async function json(path) {
  const response = await fetch(path, { cache: "no-store" });
  const body = await response.json();
  if (!response.ok) throw new Error(`${body.code}: ${body.description}`);
  return body;
}

async function refresh() {
  try {
    const tally = await json("/tally");
    $("voters").textContent = String(tally.voters);
    const rows = Object.entries(tally.counts).map(([candidate, votes]) => {
      const row = document.createElement("tr");
      const name = document.createElement("th");
      name.scope = "row";
      name.textContent = candidate;
      const count = document.createElement("td");
      count.textContent = String(votes);
      count.dataset.candidate = candidate;
      row.append(name, count);
      return row;
    });
    $("tally").querySelector("tbody").replaceChildren(...rows);
    $("tally-status").textContent = `Updated ${new Date().toLocaleTimeString()}.`;
  } catch (error) {
    $("tally-status").textContent = `The tally could not be read: ${error.message}`;
  }
}

json("/election").then(
  (election) => { $("election-id").textContent = election.electionId; },
  (error) => { $("tally-status").textContent = `The election could not be read: ${error.message}`; });
refresh();
setInterval(refresh, 2000);
