// What a download of an image or a backup is called and in which forms it comes: pure, so the
// route, the service and the page's download menu say the same thing.

export const DOWNLOAD_FORMATS = ['raw', 'qcow2'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

/** The format a `?format=` asks for (raw when absent), or null when it names none of them. */
export function parseDownloadFormat(value: string | null): DownloadFormat | null {
  if (value === null || value === '') return 'raw';
  return (DOWNLOAD_FORMATS as readonly string[]).includes(value) ? (value as DownloadFormat) : null;
}

/** A file name safe in any file system and in a Content-Disposition header: letters, digits,
 *  dots, dashes and underscores only, never hidden, at most 100 characters before the extension. */
export function downloadFileName(label: string, format: DownloadFormat): string {
  const base = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents, once split from their letters
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 100)
    .replace(/[-.]+$/, '');
  return `${base || 'disk'}.${format}`;
}

/** Thrown when what is asked for exists and may be seen, but cannot be downloaded now or here. */
export class DownloadUnavailableError extends Error {
  readonly status = 409;
  constructor(message: string) {
    super(message);
    this.name = 'DownloadUnavailableError';
  }
}
