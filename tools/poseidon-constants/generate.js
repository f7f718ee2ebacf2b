// Writes the circomlib Poseidon constants (t = 2..17) as poseidon-lite 0.3.0 publishes them,
// in the binary layout Pod.Core reads (PoseidonParameters.cs):
//   magic "POSEIDON", then for each t = 2..17:
//     u16 LE t, u16 LE nRoundsF, u16 LE nRoundsP,
//     C: (nRoundsF + nRoundsP) * t elements, M: t * t elements (row-major, out[i] = sum_j M[i][j] * s[j]),
//   every element 32 bytes big-endian, below r.
// poseidon-lite's own tables came from the Grain LFSR script of the Poseidon authors
// (generate_parameters_grain.sage 1 0 254 t 8 RP r), the same as circomlib.
// Usage: npm ci && npm run generate
'use strict';
const fs = require('fs');
const path = require('path');

const R = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
const ROUNDS_F = 8;
const ROUNDS_P = [56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68];

function decode(b64) {
  const v = BigInt('0x' + Buffer.from(b64, 'base64').toString('hex'));
  if (v >= R) throw new Error('constant not below r');
  return v;
}

function element(v) {
  return Buffer.from(v.toString(16).padStart(64, '0'), 'hex');
}

function u16(n) {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}

const pkgDir = path.dirname(require.resolve('poseidon-lite'));
const out = process.argv[2];
if (!out) throw new Error('usage: node generate.js OUTPUT');
const parts = [Buffer.from('POSEIDON', 'ascii')];
for (let t = 2; t <= 17; t++) {
  // The constants are not in the package's exports map: load the file by path.
  const { C, M } = require(path.join(pkgDir, 'constants', `${t - 1}.js`)).default;
  const rp = ROUNDS_P[t - 2];
  if (C.length !== (ROUNDS_F + rp) * t || M.length !== t || M.some(row => row.length !== t)) {
    throw new Error(`unexpected table shape for t = ${t}`);
  }
  parts.push(u16(t), u16(ROUNDS_F), u16(rp));
  for (const c of C) parts.push(element(decode(c)));
  for (const row of M) for (const m of row) parts.push(element(decode(m)));
}
const bytes = Buffer.concat(parts);
fs.writeFileSync(path.resolve(out), bytes);
const sha = require('crypto').createHash('sha256').update(bytes).digest('hex');
console.log(`wrote ${bytes.length} bytes to ${out}, sha256 ${sha}`);
