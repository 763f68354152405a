import { DialogButton } from '@/components/dialog';
import { formatBytes } from '@/lib/domain/usage';

// "Download" for an image or a backup: a dialog offering the disk as a raw file or as qcow2, each
// a plain link to the download route (the browser saves it; the server checks the caller).

export function DownloadDialog({ href, what, sizeBytes }: { href: string; what: string; sizeBytes: number }) {
  const link =
    'inline-block rounded-md border border-slate-300 px-3 py-1.5 font-medium text-brand-700 underline hover:bg-slate-100';
  return (
    <DialogButton label="Download" title={`Download ${what}`}>
      <ul className="mt-3 space-y-4 text-sm">
        <li>
          <a href={`${href}?format=raw`} download className={link}>
            Raw disk (.raw)
          </a>
          <p className="mt-1 text-slate-700">
            The disk byte for byte: the file is the full disk size, {formatBytes(sizeBytes)}, with zeros where the disk
            is empty. Any tool reads it (dd, a loop mount, every hypervisor).
          </p>
        </li>
        <li>
          <a href={`${href}?format=qcow2`} download className={link}>
            qcow2 (.qcow2)
          </a>
          <p className="mt-1 text-slate-700">
            The same disk in QEMU&apos;s format, for KVM, Proxmox or libvirt (or <code>qemu-img convert</code>): a
            smaller file, since the parts of the disk that were never written are left out.
          </p>
        </li>
      </ul>
      <p className="mt-4 text-xs text-slate-600">
        Read from the store as it downloads, each piece checked as it goes; the download is recorded in the audit log.
      </p>
    </DialogButton>
  );
}
