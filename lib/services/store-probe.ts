import { randomBytes } from 'node:crypto';
import { storeIdentity, type StoreConfig } from '@/lib/config/stores';
import { openChunkStore, StoreKeyError } from '@/lib/storage';
import { openObjectStore } from '@/lib/storage/objects';
import { parseStoreUrl } from '@/lib/config/store-url';

// "Test connection" on the Storage page: write a small object, read it back, delete it, through
// the same object store the chunk store uses, and say what went wrong in words an admin can act
// on. It never throws: every failure, ours or the store's, comes back as a sentence.

export type ProbeResult = { ok: boolean; message: string };

const PROBE_TIMEOUT_MS = 15_000;

export async function probeStore(config: StoreConfig, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProbeResult> {
  const where = storeIdentity(config);
  try {
    // Without credentials the S3 client would go looking for an instance role on the network;
    // say what is missing instead.
    if (parseStoreUrl(config.url).kind === 's3' && !(config.accessKeyId && config.secretAccessKey)) {
      return { ok: false, message: `No access key is set for ${where}: enter its access key ID and secret.` };
    }
    const store = openObjectStore(config.url, {
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
    });
    const key = `lifeboat-probe/${randomBytes(8).toString('hex')}`;
    const body = randomBytes(64);
    await withTimeout(
      (async () => {
        await store.put(key, body);
        const back = await store.get(key);
        await store.delete([key]);
        if (!back.equals(body)) throw new ProbeMismatch();
      })(),
      timeoutMs,
    );
    // Then the store's own description: an encrypted store given no key or a wrong one, or a
    // key given to a store written without one, is what would fail every capture.
    const location = parseStoreUrl(config.url);
    const chunkStore = await withTimeout(
      openChunkStore(location.kind === 'file' ? location.root : store, { key: config.key }),
      timeoutMs,
    );
    const keyed = chunkStore.keys ? ' Its key opens it.' : '';
    return { ok: true, message: `Connected to ${where}: a test object was written, read back and deleted.${keyed}` };
  } catch (error) {
    if (error instanceof StoreKeyError)
      return {
        ok: false,
        message: `Connected to ${where}, but ${error.message.charAt(0).toLowerCase()}${error.message.slice(1)}`,
      };
    return { ok: false, message: `Could not use ${where}. ${describeStoreError(error, timeoutMs)}` };
  }
}

class ProbeMismatch extends Error {}
class ProbeTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new ProbeTimeout()), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const S3_WORDS: Record<string, string> = {
  InvalidAccessKeyId: 'Access denied: the store does not know this access key ID.',
  SignatureDoesNotMatch: 'Access denied: the secret access key does not match the access key ID.',
  AccessDenied: 'Access denied: this access key may not write to the bucket.',
  Forbidden: 'Access denied: this access key may not write to the bucket.',
  NoSuchBucket: 'There is no such bucket at this endpoint: create it first (Lifeboat does not create buckets).',
  PermanentRedirect:
    'The bucket is in another region or behind another endpoint: check the region and endpoint in the address.',
  AuthorizationHeaderMalformed: 'The store expects another region: check region= in the address.',
};

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'The endpoint is unreachable: nothing answers at that address and port (connection refused).',
  ENOTFOUND: 'The endpoint is unreachable: its host name does not resolve.',
  EAI_AGAIN: 'The endpoint is unreachable: its host name could not be looked up.',
  ETIMEDOUT: 'The endpoint is unreachable: the connection timed out.',
  EHOSTUNREACH: 'The endpoint is unreachable: there is no route to its host.',
  ENETUNREACH: 'The endpoint is unreachable: there is no route to its network.',
  ECONNRESET: 'The endpoint closed the connection: is it an S3 service, and is http or https right?',
  EPROTO: 'The endpoint did not speak TLS as expected: check http or https in the endpoint.',
  EACCES: 'Lifeboat may not write to this folder (permission denied).',
  EPERM: 'Lifeboat may not write to this folder (operation not permitted).',
  EROFS: 'This folder is on a read-only filesystem.',
  ENOSPC: 'The disk holding this folder is full.',
  ENOTDIR: 'Part of this folder\u2019s path is a file, not a folder.',
};

/** A store failure in plain words (exported for its unit test). */
export function describeStoreError(error: unknown, timeoutMs = PROBE_TIMEOUT_MS): string {
  if (error instanceof ProbeTimeout)
    return `The store did not answer within ${timeoutMs / 1000} seconds: the endpoint is unreachable or too slow.`;
  if (error instanceof ProbeMismatch) return 'The store gave back different bytes than were written to it.';
  const e = error as {
    name?: string;
    code?: string;
    message?: string;
    errors?: { code?: string }[];
    $metadata?: { httpStatusCode?: number };
  };
  if (e?.name && S3_WORDS[e.name]) return S3_WORDS[e.name];
  const code = e?.code ?? e?.errors?.find((x) => x.code)?.code;
  if (code && NETWORK_WORDS[code]) return NETWORK_WORDS[code];
  const status = e?.$metadata?.httpStatusCode;
  if (status === 403) return S3_WORDS.AccessDenied;
  if (status) return `The store answered HTTP ${status}${e.name && e.name !== 'Error' ? ` (${e.name})` : ''}.`;
  if (e?.name === 'CredentialsProviderError')
    return 'No credentials could be found for this store: enter its access key ID and secret.';
  return `The store could not be used: ${e?.message || String(error)}`;
}
