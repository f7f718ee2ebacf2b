// Encodes MessagePack values with @msgpack/msgpack, for Pod's differential test of its POD layout
// (docs/formats.md). Reads a JSON array of tagged values from stdin and prints one lowercase hex line
// per value. Tags: {"a": [...]} array, {"m": [[key, value], ...]} map (a plain object, as a JS user
// would build; its keys are POD names, never integer-like, so insertion order is kept; defined as own
// properties so a "__proto__" key is an ordinary key), {"s": "..."} string, {"i": "decimal"} integer,
// {"b": "hex"} binary, {"t": true|false} boolean, {"n": null} nil.
import { encode } from "@msgpack/msgpack";

function value(node) {
  if ("a" in node) return node.a.map(value);
  if ("m" in node) {
    const map = {};
    for (const [k, v] of node.m) {
      Object.defineProperty(map, value(k), { value: value(v), enumerable: true, writable: true, configurable: true });
    }
    return map;
  }
  if ("s" in node) return node.s;
  if ("b" in node) return Uint8Array.from(Buffer.from(node.b, "hex"));
  if ("t" in node) return node.t;
  if ("n" in node) return null;
  if ("i" in node) {
    // Within 32 bits as a Number, which @msgpack/msgpack writes in its shortest form; beyond as a bigint,
    // which it writes as uint64 / int64 (with useBigInt64 it writes a Number beyond 32 bits as a float64).
    const big = BigInt(node.i);
    return big >= -0x80000000n && big <= 0xffffffffn ? Number(big) : big;
  }
  throw new Error(`unknown tag in ${JSON.stringify(node)}`);
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
for (const node of JSON.parse(Buffer.concat(chunks).toString("utf8"))) {
  process.stdout.write(Buffer.from(encode(value(node), { useBigInt64: true })).toString("hex") + "\n");
}
