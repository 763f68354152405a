// Worker thread of the chunk store: the CPU work on chunk bytes (SHA-256, zstd level 1) runs here,
// two workers side by side, while the main thread does I/O and zero detection.
//
// Plain .mjs importing only node builtins and zstd-napi: the app's server bundle (Turbopack) never
// sees this file; pool.ts starts it by its path under the project root at run time.
//
// Bytes never cross the thread boundary by copy: every message names two regions of
// SharedArrayBuffers owned by the caller: input at [inOff, inOff+inLen) of inSab, output at outOff
// of outSab (at most outCap bytes). The caller does not touch them while a task holds them.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { parentPort } from 'node:worker_threads';

const require = createRequire(import.meta.url);
// The low-level binding compresses into a caller-provided buffer (no allocation, no copy).
const zstd = require('zstd-napi/binding');
const LEVEL = 1;
const cctx = new zstd.CCtx();
const dctx = new zstd.DCtx();

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

// Never written: comparing with it is a memcmp. Grown on demand (chunk sizes vary by manifest).
let zeros = Buffer.alloc(4 * 1024 * 1024);
function isAllZero(data) {
  if (data.length > zeros.length) zeros = Buffer.alloc(data.length);
  return data.equals(zeros.subarray(0, data.length));
}

// Incompressible chunks (media, archives, encrypted data) are where zstd spends most of its time
// for nothing: at level 1 it tries every block and then stores it raw anyway. A 64 KiB sample taken
// from 16 places across the chunk predicts that; such a chunk is written directly as a zstd frame of
// raw blocks, the very format zstd itself would have produced (any zstd decoder reads it), at memcpy
// speed. A chunk that is only partly compressible keeps real compression unless every sample misses.
const SAMPLES = 16;
const SAMPLE = 4096;
const RAW_IF_SAMPLE_RATIO_ABOVE = 0.97;
const sample = Buffer.alloc(SAMPLES * SAMPLE);
const sampleOut = Buffer.alloc(zstd.compressBound(sample.length));

function looksIncompressible(input) {
  if (input.length < sample.length * 4) return false;
  const step = Math.floor((input.length - SAMPLE) / (SAMPLES - 1));
  for (let i = 0; i < SAMPLES; i++) input.copy(sample, i * SAMPLE, i * step, i * step + SAMPLE);
  return cctx.compress(sampleOut, sample, LEVEL) > sample.length * RAW_IF_SAMPLE_RATIO_ABOVE;
}

/** A zstd frame (RFC 8878) holding `input` in raw blocks of 128 KiB: magic, a single-segment
 *  header with a 4-byte content size, then per block a 3-byte header and the bytes themselves. */
export function rawFrame(input, output) {
  const BLOCK = 128 * 1024;
  output.writeUInt32LE(0xfd2fb528, 0);
  output[4] = 0xa0; // Frame_Content_Size_flag = 2 (4 bytes), Single_Segment_flag = 1
  output.writeUInt32LE(input.length, 5);
  let at = 9;
  let from = 0;
  do {
    const size = Math.min(BLOCK, input.length - from);
    const last = from + size === input.length ? 1 : 0;
    output.writeUIntLE((size << 3) | last, at, 3); // Block_Type 0 = Raw
    input.copy(output, at + 3, from, from + size);
    at += 3 + size;
    from += size;
  } while (from < input.length);
  return at;
}

/** Compresses `input` into `output` (room for zstd's bound); returns the frame's length. */
export function compressInto(input, output) {
  return looksIncompressible(input) ? rawFrame(input, output) : cctx.compress(output, input, LEVEL);
}

// Encrypted stores (seal.ts has the reasoning and the format): the compressed frame is sealed with
// AES-256-GCM here, beside the compression, so encryption costs no time on the main thread.
// Keys arrive as hex in each task and are kept as Buffers per value.
const MAGIC = Buffer.from('LBS1');
const AAD = Buffer.from('lifeboat-chunk');
const keys = new Map();
// Node's ciphers return each result in a new buffer: 4 MiB per chunk, outside V8's heap, freed
// only when a collection happens to run, which an idle-looking worker puts off until dozens of
// them pile up (peak RSS of an encrypted restore went over 300 MiB so). A minor collection after
// each sealed chunk frees them at once, for well under a millisecond.
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc');
const freeCipherBuffers = () => collect({ type: 'minor' });
const keyOf = (hex) => {
  if (!keys.has(hex)) keys.set(hex, Buffer.from(hex, 'hex'));
  return keys.get(hex);
};

/** Seals output[0, clen) in place as MAGIC | nonce | ciphertext | tag; returns the sealed length. */
function sealInPlace(keyHex, output, clen) {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(keyHex), nonce);
  cipher.setAAD(AAD);
  // GCM's final() yields no bytes: update's output is the whole ciphertext (no concat, which
  // allocated a second 4 MiB buffer per chunk).
  const body = cipher.update(output.subarray(0, clen));
  cipher.final();
  body.copy(output, 16);
  MAGIC.copy(output, 0);
  nonce.copy(output, 4);
  cipher.getAuthTag().copy(output, 16 + clen);
  freeCipherBuffers();
  return clen + 32;
}

/** The compressed frame inside a sealed chunk, or a reason it cannot be opened. */
function openSealed(keyHex, input) {
  if (input.length < 32 || !input.subarray(0, 4).equals(MAGIC))
    return { corrupt: 'it is not encrypted, but the store is' };
  const decipher = createDecipheriv('aes-256-gcm', keyOf(keyHex), input.subarray(4, 16));
  decipher.setAAD(AAD);
  decipher.setAuthTag(input.subarray(input.length - 16));
  const frame = decipher.update(input.subarray(16, input.length - 16));
  try {
    decipher.final();
  } catch {
    return { corrupt: 'it does not decrypt with this store’s key (the key is wrong, or the chunk was changed)' };
  }
  return { frame };
}

const compressSealed = (msg, input, output) => {
  const clen = compressInto(input, output);
  return msg.seal ? sealInPlace(msg.seal, output, clen) : clen;
};

const ops = {
  // Capture: hash, and compress only if the chunk is not in the store yet. The existence check is a
  // hint that saves compressing known chunks; the main thread re-checks under the GC protocol.
  capture(msg, input, output) {
    const hash = sha256(input);
    // Same rule as layout.ts chunkPath(): <chunks>/<first two hex digits>/<hash>.
    if (existsSync(path.join(msg.chunksDir, hash.slice(0, 2), hash))) return { hash, exists: true, clen: 0 };
    return { hash, exists: false, clen: compressSealed(msg, input, output) };
  },
  // digestFile: the chunk's hash, or no hash if it is all zero (the disk digest has it precomputed).
  hash(msg, input) {
    return isAllZero(input) ? {} : { hash: sha256(input) };
  },
  compress(msg, input, output) {
    return { clen: compressSealed(msg, input, output) };
  },
  // Restore and verify: decompress into the slot, then hash what came out.
  restore(msg, input, output) {
    let frame = input;
    if (msg.open) {
      const opened = openSealed(msg.open, input);
      if (opened.corrupt) return opened;
      frame = opened.frame;
    }
    let size;
    try {
      size = dctx.decompress(output, frame);
    } catch (error) {
      if (msg.open) freeCipherBuffers();
      return { corrupt: `zstd could not decompress it (${error.message})` };
    }
    if (msg.open) freeCipherBuffers();
    if (size !== msg.expectLen) return { corrupt: `it decompressed to ${size} bytes, ${msg.expectLen} expected` };
    return { hash: sha256(output.subarray(0, size)) };
  },
};

parentPort?.on('message', (msg) => {
  try {
    const input = Buffer.from(msg.inSab, msg.inOff, msg.inLen);
    const output = Buffer.from(msg.outSab, msg.outOff, msg.outCap);
    parentPort?.postMessage({ id: msg.id, ok: true, ...ops[msg.op](msg, input, output) });
  } catch (error) {
    parentPort?.postMessage({ id: msg.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
