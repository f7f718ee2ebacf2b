// The timing method every reference script uses: a warm-up (a quarter of the budget, at least 0.2 s)
// that doubles the batch until a batch takes ~10 ms, then whole batches until `seconds` of measured time.
const now = () => process.hrtime.bigint();
let sink;

/** Times fn; mean ns/op over all measured ops, plus the best batch (less sensitive to other load). */
export function measure(fn, seconds) {
  const budget = BigInt(Math.round(seconds * 1e9));
  const batchTarget = 10_000_000n;
  let batch = 1;
  const warmUpEnd = now() + (budget / 4n > 200_000_000n ? budget / 4n : 200_000_000n);
  while (now() < warmUpEnd) {
    const t0 = now();
    for (let i = 0; i < batch; i++) sink = fn();
    if (now() - t0 < batchTarget) batch *= 2;
  }
  let ops = 0, elapsed = 0n, bestBatch = Infinity;
  while (elapsed < budget) {
    const t0 = now();
    for (let i = 0; i < batch; i++) sink = fn();
    const t = now() - t0;
    elapsed += t;
    ops += batch;
    bestBatch = Math.min(bestBatch, Number(t) / batch);
  }
  const nsPerOp = Number(elapsed) / ops;
  return { nsPerOp, opsPerSec: 1e9 / nsPerOp, ops, seconds: Number(elapsed) / 1e9, bestBatchNsPerOp: bestBatch };
}

/** Keeps the last result observable so the engine cannot drop the timed calls. */
export const lastResult = () => sink;
