import { describe, expect, it } from 'vitest';
import {
  allocatedCaptureNote,
  checkCapture,
  defaultImageLabel,
  formatMoney,
  formatUnitPrice,
  imageCountLabel,
  monthlyImageCost,
  planFitsImage,
} from './images';
import { GiB } from './usage';

const facts = {
  diskKind: 'primary',
  diskLabel: 'disk',
  usedBytes: 2 * GiB,
  ceilingBytes: 6 * GiB,
  imageCount: 3,
  imageLimit: 25,
};

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
    expect(checkCapture({ ...facts, usedBytes: 25 * GiB, basis: 'allocated', imageCount: 25 })).toMatchObject({
      reason: 'image_limit',
    });
    expect(checkCapture({ ...facts, diskKind: 'swap', basis: 'allocated' })).toMatchObject({ reason: 'swap_disk' });
  });

  it('explains that the provider checks the data size when it captures', () => {
    const note = allocatedCaptureNote(25 * GiB, 6 * GiB, 'Linode');
    expect(note).toContain("Linode reports only this disk's allocated size (25 GiB)");
    expect(note).toContain('Linode checks the data size when it captures');
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
    expect(monthlyImageCost(1.234e9, 0.1)).toBeCloseTo(0.1234, 10);
  });
  it('keeps a small cost above zero until it is shown, and shows it as under a cent', () => {
    // 20 MiB at $0.10 per GB-month is a fifth of a cent: rounding it early made every sum of small images $0.00.
    expect(monthlyImageCost(20 * 1024 ** 2, 0.1)).toBeGreaterThan(0);
    expect(formatMoney(monthlyImageCost(20 * 1024 ** 2, 0.1))).toBe('< $0.01');
    expect(formatMoney(0)).toBe('$0.00');
    expect(formatMoney(0.005)).toBe('$0.01');
    expect(formatMoney(3)).toBe('$3.00');
    expect(formatMoney(12.345)).toBe('$12.35');
  });
  it('shows a unit price as it is set, not rounded to cents', () => {
    expect(formatUnitPrice(0.1)).toBe('$0.10');
    expect(formatUnitPrice(0.025)).toBe('$0.025');
    expect(formatUnitPrice(0.0001)).toBe('$0.0001');
  });
  it("says the image count is the account's when the caller sees only some teams", () => {
    expect(imageCountLabel(4, 25, true)).toBe('4 of 25 images in the account, across all teams');
  });
  it('says how small a plan and an image are without rounding either to 0 GiB', () => {
    expect(planFitsImage(25 * GiB, 50 * GiB)).toEqual({
      ok: false,
      reason: 'Disk too small: 25 GiB, the image needs 50 GiB',
    });
    expect(planFitsImage(20 * 1024 ** 2, 48 * 1024 ** 2)).toEqual({
      ok: false,
      reason: 'Disk too small: 20 MiB, the image needs 48 MiB',
    });
  });
  it('defaults the label to <instance>-<disk>, within 50 characters', () => {
    expect(defaultImageLabel('web-1', 'disk')).toBe('web-1-disk');
    expect(defaultImageLabel('a'.repeat(60), 'disk')).toHaveLength(50);
  });
  it('disables plans smaller than the image, with the reason', () => {
    expect(planFitsImage(25 * GiB, 25 * GiB)).toEqual({ ok: true });
    expect(planFitsImage(25 * GiB, 50 * GiB)).toEqual({
      ok: false,
      reason: 'Disk too small: 25 GiB, the image needs 50 GiB',
    });
  });
});
