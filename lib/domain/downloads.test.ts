import { describe, expect, it } from 'vitest';
import { downloadFileName, parseDownloadFormat } from './downloads';

describe('downloads', () => {
  it('takes raw by default and refuses a format it does not make', () => {
    expect(parseDownloadFormat(null)).toBe('raw');
    expect(parseDownloadFormat('')).toBe('raw');
    expect(parseDownloadFormat('qcow2')).toBe('qcow2');
    expect(parseDownloadFormat('vmdk')).toBeNull();
    expect(parseDownloadFormat('RAW')).toBeNull();
  });

  it('names the file after the label, with nothing a file system or a header could trip on', () => {
    expect(downloadFileName('web-1 / root disk', 'raw')).toBe('web-1-root-disk.raw');
    expect(downloadFileName('../../etc/passwd', 'qcow2')).toBe('etc-passwd.qcow2');
    expect(downloadFileName('"quoted";\r\nX-Evil: 1', 'raw')).toBe('quoted-X-Evil-1.raw');
    expect(downloadFileName('Café déjà', 'raw')).toBe('Cafe-deja.raw');
    expect(downloadFileName('日本', 'raw')).toBe('disk.raw');
    expect(downloadFileName('a'.repeat(300), 'raw')).toBe(`${'a'.repeat(100)}.raw`);
  });
});
