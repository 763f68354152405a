import { describe, expect, it } from 'vitest';
import { judgeUploadedFile, uploadedSource, uploadFileName, uploadTooLarge, type UploadedFileFacts } from './uploads';

const MiB = 1024 * 1024;
const qcow2: UploadedFileFacts = {
  fileName: 'web.qcow2',
  format: 'qcow2',
  virtualSizeBytes: 64 * MiB,
  fileBytes: 3 * MiB,
  backingFile: null,
  dataFile: null,
  damage: null,
  rawContent: null,
  largestDiskBytes: 160 * 1024 * MiB,
};
const raw: UploadedFileFacts = {
  ...qcow2,
  fileName: 'web.raw',
  format: 'raw',
  fileBytes: 64 * MiB,
  rawContent: 'ext4',
};

describe('the rule for an uploaded disk image file', () => {
  it('takes a standalone qcow2 at its virtual size and a raw disk at its length', () => {
    expect(judgeUploadedFile(qcow2)).toEqual({ ok: true, format: 'qcow2', sizeBytes: 64 * MiB });
    expect(judgeUploadedFile(raw)).toEqual({ ok: true, format: 'raw', sizeBytes: 64 * MiB });
  });

  it('refuses other formats, backing and data files, damage, odd sizes, no content and oversize, saying why', () => {
    const refused = (f: Partial<UploadedFileFacts>, base = qcow2) => {
      const verdict = judgeUploadedFile({ ...base, ...f });
      return verdict.ok ? 'accepted' : verdict.message;
    };
    expect(refused({ format: 'vmdk' })).toBe(
      '"web.qcow2" is a vmdk image. Upload a raw or qcow2 disk image (qemu-img convert -O qcow2 converts it).',
    );
    expect(refused({ backingFile: '/etc/shadow' })).toBe(
      '"web.qcow2" has a backing file (/etc/shadow); upload a standalone image: qemu-img convert -O qcow2 in.qcow2 out.qcow2',
    );
    expect(refused({ dataFile: 'data.bin' })).toMatch(
      /keeps its data in a separate file \(data\.bin\); upload a standalone/,
    );
    expect(refused({ damage: '4 corrupt metadata entries' })).toBe(
      '"web.qcow2" is damaged: 4 corrupt metadata entries. Upload a complete copy of the image.',
    );
    expect(refused({ virtualSizeBytes: 64 * MiB + 100 })).toMatch(/virtual size of 67108964 bytes, not a whole number/);
    expect(refused({ fileBytes: 33 }, raw)).toMatch(/^"web\.raw" is not a disk image: a raw disk is a whole number/);
    expect(refused({ rawContent: null }, raw)).toBe(
      '"web.raw" is not a disk image: it holds no partition table or filesystem.',
    );
    expect(refused({ virtualSizeBytes: 161 * 1024 * MiB })).toBe(
      '"web.qcow2" is a 161 GiB disk, larger than the largest plan\'s 160 GiB disk: no plan could deploy it.',
    );
    // A backing file is named before anything else: qemu-img never reads it.
    expect(refused({ backingFile: 'b.qcow2', damage: 'x', virtualSizeBytes: 1 })).toMatch(/has a backing file/);
  });

  it('caps the upload itself at the largest disk', () => {
    expect(uploadTooLarge(10, 10)).toBeNull();
    expect(uploadTooLarge(11, 10 * MiB)).toBeNull();
    expect(uploadTooLarge(10 * MiB + 1, 10 * MiB)).toBe(
      "The file is larger than the largest plan's disk (10 MiB): no plan could deploy it.",
    );
  });

  it("names the source by the file's last path part, printable and short", () => {
    expect(uploadFileName('C:\\Users\\me\\disk.qcow2')).toBe('disk.qcow2');
    expect(uploadFileName('a/b/\u0007web\n.raw ')).toBe('web.raw');
    expect(uploadFileName('x'.repeat(300))).toHaveLength(100);
    expect(uploadedSource('disk.qcow2')).toBe('Uploaded: disk.qcow2');
  });
});
