'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { FormField, FormMessage, inputClass, SubmitButton } from '@/components/form-field';
import { JobProgress } from '@/components/job-progress';
import { JOB_NAMES } from '@/lib/domain/progress';
import { formatBytes } from '@/lib/domain/usage';

type Props = {
  teams: { id: string; name: string }[];
  regions: { id: string; label: string }[];
  maxBytes: number;
};

type Sent = { loaded: number; total: number };
type Answer = { message?: string; errors?: Record<string, string[]> };

// The upload form. The file goes as the body of one POST to /api/images/upload (XMLHttpRequest,
// for its upload progress events), the other fields in the address; the route checks the caller
// and the limits before it reads the file. Once the file is in, the job's progress follows.
export function UploadImageForm({ teams, regions, maxBytes }: Props) {
  const router = useRouter();
  const [sent, setSent] = useState<Sent | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [answer, setAnswer] = useState<Answer>({});
  const request = useRef<XMLHttpRequest | null>(null);

  if (jobId) return <JobProgress jobId={jobId} title={JOB_NAMES.upload} />;

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0)
      return setAnswer({ errors: { file: ['Choose a disk image file.'] }, message: 'Check the highlighted fields.' });
    const fields = new URLSearchParams({ fileName: file.name });
    for (const key of ['teamId', 'label', 'description', 'region']) fields.set(key, String(form.get(key) ?? ''));
    const xhr = new XMLHttpRequest();
    request.current = xhr;
    xhr.open('POST', `/api/images/upload?${fields}`);
    xhr.upload.onprogress = (e) => setSent({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => {
      request.current = null;
      setSent(null);
      const body = parse(xhr.responseText);
      if (xhr.status === 202 && typeof body.jobId === 'string') {
        setJobId(body.jobId);
        router.refresh();
      } else {
        setAnswer({
          message: typeof body.error === 'string' ? body.error : `The upload was refused (${xhr.status}).`,
          errors: body.fields as Answer['errors'],
        });
      }
    };
    xhr.onerror = () => {
      request.current = null;
      setSent(null);
      setAnswer({ message: 'The upload stopped: the connection to Lifeboat was lost. Try again.' });
    };
    xhr.onabort = () => {
      request.current = null;
      setSent(null);
      setAnswer({ message: 'Upload cancelled. Nothing was kept.' });
    };
    setAnswer({});
    setSent({ loaded: 0, total: file.size });
    xhr.send(file);
  };

  const errors = answer.errors ?? {};
  return (
    <form onSubmit={submit} className="space-y-4" noValidate={false}>
      <FormField
        id="upload-file"
        label="Disk image file"
        hint={`Raw or qcow2, up to ${formatBytes(maxBytes)} (the largest plan's disk).`}
        errors={errors.file}
      >
        <input id="upload-file" name="file" type="file" accept=".raw,.img,.qcow2" required className={inputClass} />
      </FormField>
      <FormField id="upload-label" label="Label" errors={errors.label}>
        <input id="upload-label" name="label" maxLength={50} required className={inputClass} />
      </FormField>
      <Choice id="upload-team" name="teamId" label="Team" options={teams} errors={errors.teamId} />
      <Choice id="upload-region" name="region" label="Region" options={regions} errors={errors.region} />
      <FormField id="upload-description" label="Description (optional)" errors={errors.description}>
        <textarea id="upload-description" name="description" rows={2} className={inputClass} />
      </FormField>
      {sent && <UploadProgress sent={sent} onCancel={() => request.current?.abort()} />}
      <FormMessage ok={false} message={answer.message} />
      <SubmitButton pending={sent !== null} pendingText="Uploading…">
        {JOB_NAMES.upload}
      </SubmitButton>
    </form>
  );
}

function Choice(props: {
  id: string;
  name: string;
  label: string;
  options: { id: string; name?: string; label?: string }[];
  errors?: string[];
}) {
  return (
    <FormField id={props.id} label={props.label} errors={props.errors}>
      <select id={props.id} name={props.name} className={inputClass} defaultValue={props.options[0]?.id}>
        {props.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name ?? o.label}
          </option>
        ))}
      </select>
    </FormField>
  );
}

function UploadProgress({ sent, onCancel }: { sent: Sent; onCancel: () => void }) {
  const share = sent.total > 0 ? Math.min(100, Math.round((sent.loaded / sent.total) * 100)) : 0;
  return (
    <div className="space-y-1" data-testid="upload-progress">
      <progress className="w-full" max={100} value={share} aria-label="File sent" />
      <div className="flex items-center justify-between text-sm">
        <span role="status">
          {share < 100
            ? `Sending the file: ${formatBytes(sent.loaded)} of ${formatBytes(sent.total)} (${share}%)`
            : 'File sent; Lifeboat is saving it…'}
        </span>
        <button type="button" onClick={onCancel} className="font-medium text-brand-700 underline">
          Cancel upload
        </button>
      </div>
    </div>
  );
}

function parse(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
