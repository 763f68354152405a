import { formatBytes } from './usage';

// What an uploaded disk image file must be before it becomes an image: raw or qcow2, whole, on
// its own (no backing file, no external data file: its data must all be in the upload), and a
// disk some plan can hold. Pure: the job reads the file with qemu-img and blkid and asks here.

export const UPLOAD_FORMATS = ['raw', 'qcow2'] as const;
export type UploadFormat = (typeof UPLOAD_FORMATS)[number];

const SECTOR = 512;
const STANDALONE = 'upload a standalone image: qemu-img convert -O qcow2 in.qcow2 out.qcow2';

export type UploadedFileFacts = {
  fileName: string;
  /** qemu-img's name for the format it found. */
  format: string;
  virtualSizeBytes: number;
  /** The uploaded file's own length (a raw disk's size). */
  fileBytes: number;
  backingFile: string | null;
  dataFile: string | null;
  /** What is wrong with a qcow2's metadata (the header's corrupt bit, `qemu-img check`), or null. */
  damage: string | null;
  /** A raw disk's partition table or filesystem type as blkid found it, or null for neither. */
  rawContent: string | null;
  /** The largest disk any plan has: a bigger image could never be deployed. */
  largestDiskBytes: number;
};

export type UploadVerdict = { ok: true; format: UploadFormat; sizeBytes: number } | { ok: false; message: string };

export function judgeUploadedFile(f: UploadedFileFacts): UploadVerdict {
  const name = `"${f.fileName}"`;
  const refuse = (message: string) => ({ ok: false as const, message });
  if (!(UPLOAD_FORMATS as readonly string[]).includes(f.format))
    return refuse(
      `${name} is a ${f.format} image. Upload a raw or qcow2 disk image (qemu-img convert -O qcow2 converts it).`,
    );
  const format = f.format as UploadFormat;
  if (f.backingFile) return refuse(`${name} has a backing file (${f.backingFile}); ${STANDALONE}`);
  if (f.dataFile) return refuse(`${name} keeps its data in a separate file (${f.dataFile}); ${STANDALONE}`);
  if (f.damage) return refuse(`${name} is damaged: ${f.damage}. Upload a complete copy of the image.`);
  // A raw disk's size is its file's length; qemu-img rounds that up to a sector.
  const sizeBytes = format === 'raw' ? f.fileBytes : f.virtualSizeBytes;
  if (sizeBytes <= 0 || sizeBytes % SECTOR !== 0)
    return refuse(
      format === 'raw'
        ? `${name} is not a disk image: a raw disk is a whole number of 512-byte sectors, and this file is ${f.fileBytes} bytes.`
        : `${name} has a virtual size of ${sizeBytes} bytes, not a whole number of 512-byte sectors.`,
    );
  if (format === 'raw' && !f.rawContent)
    return refuse(`${name} is not a disk image: it holds no partition table or filesystem.`);
  if (sizeBytes > f.largestDiskBytes)
    return refuse(
      `${name} is a ${formatBytes(sizeBytes)} disk, larger than the largest plan's ${formatBytes(f.largestDiskBytes)} disk: no plan could deploy it.`,
    );
  return { ok: true, format, sizeBytes };
}

/** The upload itself is capped at the largest plan's disk (a qcow2 of such a disk is rarely bigger). */
export function uploadTooLarge(receivedBytes: number, largestDiskBytes: number): string | null {
  return receivedBytes > largestDiskBytes
    ? `The file is larger than the largest plan's disk (${formatBytes(largestDiskBytes)}): no plan could deploy it.`
    : null;
}

/** The file's name as the image's source shows it: its last path part, printable, at most 100 characters. */
export function uploadFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  return base
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .trim()
    .slice(0, 100);
}

/** An uploaded image's source, where a captured one names its instance and disk. */
export function uploadedSource(fileName: string): string {
  return `Uploaded: ${fileName}`;
}
