import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { rawFrame } from './chunk-worker.mjs';

const zstd = createRequire(import.meta.url)('zstd-napi/binding') as typeof import('zstd-napi/binding');

describe('raw zstd frames for incompressible chunks', () => {
  it.each([1, 131072, 131073, 4 * 1024 * 1024, 4 * 1024 * 1024 - 5])(
    'decode with zstd to the same %i bytes',
    (size) => {
      const input = randomBytes(size);
      const out = Buffer.alloc(zstd.compressBound(size));
      const length: number = rawFrame(input, out);
      expect(length).toBe(9 + size + 3 * Math.ceil(size / 131072));
      const back = Buffer.alloc(size);
      expect(new zstd.DCtx().decompress(back, out.subarray(0, length))).toBe(size);
      expect(back.equals(input)).toBe(true);
      expect(zstd.getFrameContentSize(out.subarray(0, length))).toBe(size);
    },
  );
});
