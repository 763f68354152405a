import { describe, expect, it } from 'vitest';
import { allocatedCaptureNote, checkCapture, defaultImageLabel, imageCountLabel, monthlyImageCost, planFitsImage } from './images';
import { GiB } from './usage';

const facts = { diskKind: 'primary', diskLabel: 'disk', usedBytes: 2 * GiB, ceilingBytes: 6 * GiB, imageCount: 3, imageLimit: 25 };

describe('capture preflight', () => {
  it('lets a disk under the ceiling through while the account has room', () => {
    expect(checkCapture(facts)).toEqual({ ok: true });
    expect(checkCapture({ ...facts, usedBytes: 6 * GiB, imageCount: 24 })).toEqual({ ok: true });
  });

  it('refuses a disk over the ceiling, naming its usage and the ceiling and offering a snapshot', () => {
    const check = checkCapture({ ...facts, usedBytes: 6.3 * GiB });
    expect(check).toMatchObject({ ok: false, reason: 'over_ceiling' });
    expect(check.ok || check.message).toContain('6.3 GiB');
    expect(check.ok || check.message).toContain('6 GiB limit');
    expect(check.ok || check.message).toContain('backup snapshot');
  });

  it('refuses the 26th image with "25 of 25"', () => {
    const check = checkCapture({ ...facts, imageCount: 25 });
    expect(check).toMatchObject({ ok: false, reason: 'image_limit', count: 25, limit: 25 });
    expect(check.ok || check.message).toContain('25 of 25 images');
  });

  it('does not hold an allocated size against the ceiling (the provider checks the data as it captures)', () => {
    expect(checkCapture({ ...facts, usedBytes: 25 * GiB, basis: 'allocated' })).toEqual({ ok: true });
    expect(checkCapture({ ...facts, usedBytes: 25 * GiB, basis: 'used' })).toMatchObject({ reason: 'over_ceiling' });
    // The other rules still hold.
    expect(checkCapture({ ...facts, usedBytes: 25 * GiB, basis: 'allocated', imageCount: 25 })).toMatchObject({ reason: 'image_limit' });
    expect(checkCapture({ ...facts, diskKind: 'swap', basis: 'allocated' })).toMatchObject({ reason: 'swap_disk' });
  });

  it('explains that Linode checks the data size when it captures', () => {
    const note = allocatedCaptureNote(25 * GiB, 6 * GiB);
    expect(note).toContain('allocated size (25 GiB)');
    expect(note).toContain('checks the data size when it captures');
    expect(note).toContain('more than 6 GiB of data');
  });

  it('checks the ceiling before the count, so the user learns the lasting problem first', () => {
    expect(checkCapture({ ...facts, usedBytes: 7 * GiB, imageCount: 25 })).toMatchObject({ reason: 'over_ceiling' });
  });

  it('never captures a swap disk', () => {
    expect(checkCapture({ ...facts, diskKind: 'swap' })).toMatchObject({ ok: false, reason: 'swap_disk' });
  });

  it('follows limits set per account', () => {
    expect(checkCapture({ ...facts, imageLimit: 3 })).toMatchObject({ reason: 'image_limit' });
    expect(checkCapture({ ...facts, ceilingBytes: 1 * GiB })).toMatchObject({ reason: 'over_ceiling' });
  });
});

describe('image figures', () => {
  it('counts as "N of 25"', () => expect(imageCountLabel(4, 25)).toBe('4 of 25 images'));
  it('bills $0.10 per GB-month of stored data', () => {
    expect(monthlyImageCost(2e9, 0.1)).toBe(0.2);
    expect(monthlyImageCost(0, 0.1)).toBe(0);
    expect(monthlyImageCost(1.234e9, 0.1)).toBe(0.12);
  });
  it('defaults the label to <instance>-<disk>, within 50 characters', () => {
    expect(defaultImageLabel('web-1', 'disk')).toBe('web-1-disk');
    expect(defaultImageLabel('a'.repeat(60), 'disk')).toHaveLength(50);
  });
  it('disables plans smaller than the image, with the reason', () => {
    expect(planFitsImage(25 * GiB, 25 * GiB)).toEqual({ ok: true });
    expect(planFitsImage(25 * GiB, 50 * GiB)).toEqual({ ok: false, reason: 'Disk too small: 25 GiB, the image needs 50 GiB' });
  });
});
