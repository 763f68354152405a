import { describe, expect, it } from 'vitest';
import { assertManifestId, chunkPath, isValidManifestId, manifestPath, tempPathFor } from './layout';

describe('store layout', () => {
  it('spreads chunks over 256 directories by their first two hex digits', () => {
    const hash = 'ab'.padEnd(64, '0');
    expect(chunkPath('/s', hash)).toBe(`/s/chunks/ab/${hash}`);
  });

  it('accepts ids that are safe file names', () => {
    for (const id of ['img_1', 'cku2x0k3a0000', 'backup-2025-01-01.daily', 'A'])
      expect(isValidManifestId(id)).toBe(true);
    expect(manifestPath('/s', 'img_1')).toBe('/s/manifests/img_1.json');
  });

  it('refuses ids that could escape the store or hide', () => {
    for (const id of ['', '.hidden', '../x', 'a/b', 'a..b', 'a b', 'x'.repeat(129), '-x']) {
      expect(isValidManifestId(id)).toBe(false);
      expect(() => assertManifestId(id)).toThrow(/invalid manifest id/);
    }
  });

  it('names temporary files beside their target with a recognisable prefix', () => {
    const temp = tempPathFor('/s/manifests/a.json');
    expect(temp.startsWith('/s/manifests/.tmp-a.json-')).toBe(true);
    expect(tempPathFor('/s/x')).not.toBe(tempPathFor('/s/x'));
  });
});
