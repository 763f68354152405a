import { formatGiB, formatGiBText, isOverCeiling } from './usage';

// The rules a manual image must meet before anything starts, as the service we model sets
// them: at most the ceiling of used data on the disk, at most N images per account.

/** Images that count against the account's limit and a team's quota: failed ones do not. */
export const COUNTED_IMAGE_STATUSES: ('creating' | 'available')[] = ['creating', 'available'];

export type CaptureCheck =
  | { ok: true }
  | { ok: false; reason: 'over_ceiling'; message: string; usedBytes: number; ceilingBytes: number }
  | { ok: false; reason: 'image_limit'; message: string; count: number; limit: number }
  | { ok: false; reason: 'swap_disk'; message: string }
  | { ok: false; reason: 'team_quota'; message: string }
  /** The disk could not be measured just now (its file is missing or unreadable). */
  | { ok: false; reason: 'unreadable'; message: string };

export type CaptureFacts = {
  diskKind: string;
  diskLabel: string;
  usedBytes: number;
  /** "allocated" when usedBytes is the disk's size, not its data: the ceiling cannot be checked here. */
  basis?: 'used' | 'allocated';
  ceilingBytes: number;
  /** Images of the account that count: creating or available (failed ones do not). */
  imageCount: number;
  imageLimit: number;
  /** "upload" for an uploaded image file, whose advice differs (there is no instance to snapshot). */
  source?: 'disk' | 'upload';
};

export function checkCapture(f: CaptureFacts): CaptureCheck {
  if (f.diskKind !== 'primary') {
    return {
      ok: false,
      reason: 'swap_disk',
      message: 'Swap disks cannot be captured as images; choose the primary disk.',
    };
  }
  if (f.basis !== 'allocated' && isOverCeiling(f.usedBytes, f.ceilingBytes)) {
    const used = formatGiB(f.usedBytes, f.ceilingBytes);
    const ceiling = formatGiB(f.ceilingBytes);
    return {
      ok: false,
      reason: 'over_ceiling',
      usedBytes: f.usedBytes,
      ceilingBytes: f.ceilingBytes,
      message:
        f.source === 'upload'
          ? `The disk in "${f.diskLabel}" holds ${used} GiB of data, over the ${ceiling} GiB limit for manual images. Upload an image of a disk with less data on it.`
          : `Disk "${f.diskLabel}" holds ${used} GiB of data, over the ${ceiling} GiB limit for manual images. Take a backup snapshot instead: snapshots have no size limit.`,
    };
  }
  if (f.imageCount >= f.imageLimit) {
    return {
      ok: false,
      reason: 'image_limit',
      count: f.imageCount,
      limit: f.imageLimit,
      message: `This account already has ${f.imageCount} of ${f.imageLimit} images. Delete an image you no longer need, then try again.`,
    };
  }
  return { ok: true };
}

/**
 * What the capture form says when the provider (named by its label) reports allocated size only:
 * the ceiling is checked by the provider, on the data, while it captures.
 */
export function allocatedCaptureNote(allocatedBytes: number, ceilingBytes: number, provider: string): string {
  return (
    `${provider} reports only this disk's allocated size (${formatGiBText(allocatedBytes)}), not how much data is on it. ` +
    `${provider} checks the data size when it captures: if the disk holds more than ${formatGiB(ceilingBytes)} GiB of data, the capture fails and no image is kept. ` +
    'Take a backup snapshot instead if the disk is fuller than that.'
  );
}

/**
 * "N of 25", the count shown wherever images are listed. The count is the account's, across
 * every team: a caller who sees only some teams is told so, or "3 of 25" next to the one image
 * they can see reads as wrong.
 */
export function imageCountLabel(count: number, limit: number, acrossTeams = false): string {
  return `${count} of ${limit} images${acrossTeams ? ' in the account, across all teams' : ''}`;
}

/** Images cost per GB-month of stored data (decimal GB, as clouds bill). */
/** Not rounded: sums of many small images stay right, and formatMoney rounds for display. */
export function monthlyImageCost(storedBytes: number, pricePerGbMonth: number): number {
  return (storedBytes / 1e9) * pricePerGbMonth;
}

/** "$3.00"; an amount above zero that rounds to no cents reads "< $0.01", not "$0.00". */
export function formatMoney(amount: number): string {
  if (amount > 0 && amount < 0.005) return '< $0.01';
  return `$${amount.toFixed(2)}`;
}

/** A rate such as a price per GB-month: cents when it is whole cents ("$0.10"), else up to four decimals ("$0.025"), never rounded to another price. */
export function formatUnitPrice(amount: number): string {
  const cents = Math.round(amount * 100) / 100;
  return Math.abs(cents - amount) < 1e-9 ? `$${amount.toFixed(2)}` : `$${Number(amount.toFixed(4))}`;
}

/** The label an image gets until the user edits it: "<instance>-<disk>", trimmed to the 50-character limit. */
export function defaultImageLabel(instanceLabel: string, diskLabel: string): string {
  return `${instanceLabel}-${diskLabel}`.replace(/[^A-Za-z0-9 ,.?\-_']/g, '-').slice(0, 50);
}

/** A plan can take an image when its disk is at least the image's size. */
export function planFitsImage(
  planDiskBytes: number,
  imageSizeBytes: number,
): { ok: true } | { ok: false; reason: string } {
  if (planDiskBytes >= imageSizeBytes) return { ok: true };
  return {
    ok: false,
    reason: `Disk too small: ${formatGiBText(planDiskBytes)}, the image needs ${formatGiBText(imageSizeBytes)}`,
  };
}
