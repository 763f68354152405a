import { createHash } from 'node:crypto';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { S3Address } from '@/lib/config/store-url';
import { assertObjectKey, ObjectNotFoundError, type ObjectPage, type ObjectStore } from './types';

// S3-compatible object storage (AWS S3, Ceph RGW, Swift's s3api, R2, B2 and the like).
// Objects live under an optional prefix in one bucket. Checksums are sent only where the
// operation requires them: Swift refuses the SDK's default aws-chunked uploads.

export type S3Location = S3Address & { accessKeyId?: string; secretAccessKey?: string };

// DeleteObjects takes at most 1000 keys a request.
const DELETE_BATCH = 1000;

/** deleteBatch: keys per DeleteObjects request, requestTimeoutMs: how long one request may take
 *  (tests use small ones to see batching and a store that hangs). */
export function s3ObjectStore(
  where: S3Location,
  { deleteBatch = DELETE_BATCH, requestTimeoutMs = 60_000 } = {},
): ObjectStore {
  const client = new S3Client({
    region: where.region,
    endpoint: where.endpoint,
    forcePathStyle: where.pathStyle,
    credentials:
      where.accessKeyId && where.secretAccessKey
        ? { accessKeyId: where.accessKeyId, secretAccessKey: where.secretAccessKey }
        : undefined,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    // A store that stops answering must fail the operation (and its job) rather than hang it:
    // no 4 MiB chunk takes a minute on any link Lifeboat is meant for. Without
    // throwOnRequestTimeout the SDK only logs a warning when the timeout passes.
    requestHandler: { connectionTimeout: 10_000, requestTimeout: requestTimeoutMs, throwOnRequestTimeout: true },
    // A busy store answers 503 "reduce your request rate" (Swift does on these 2 cores); the
    // SDK's default 3 attempts gave up within ~120 ms and failed whole captures.
    maxAttempts: 6,
  });
  // S3 requires Content-MD5 (or a checksum) on DeleteObjects; current SDKs send neither by
  // default, and Swift's s3api accepts only Content-MD5.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const request = args.request as { headers?: Record<string, string>; body?: unknown };
      if (context.commandName === 'DeleteObjectsCommand' && request.headers && typeof request.body === 'string') {
        request.headers['content-md5'] = createHash('md5').update(request.body).digest('base64');
      }
      return next(args);
    },
    { step: 'build', name: 'lifeboatContentMd5' },
  );
  const Bucket = where.bucket;
  const full = (key: string) => {
    assertObjectKey(key);
    return `${where.prefix}${key}`;
  };
  return {
    location: `s3://${where.bucket}/${where.prefix}${where.endpoint ? ` at ${where.endpoint}` : ''}`,
    async put(key, body) {
      await client.send(new PutObjectCommand({ Bucket, Key: full(key), Body: body, ContentLength: body.byteLength }));
    },
    async get(key, range) {
      try {
        const out = await client.send(
          new GetObjectCommand({
            Bucket,
            Key: full(key),
            Range: range ? `bytes=${range.start}-${range.end}` : undefined,
          }),
        );
        return Buffer.from(await out.Body!.transformToByteArray());
      } catch (error) {
        if (isNotFound(error)) throw new ObjectNotFoundError(key);
        // A range that starts past the end reads as nothing, as the file driver's does.
        if (range && error instanceof S3ServiceException && error.$metadata.httpStatusCode === 416)
          return Buffer.alloc(0);
        throw error;
      }
    },
    async getInto(key, into) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: full(key) }));
        const body = out.Body as Readable;
        if ((out.ContentLength ?? 0) > into.length) {
          body.destroy();
          return null;
        }
        // The body's pieces are copied straight into the caller's region: no whole-object
        // buffer in between (12 restores in flight held three copies of each chunk so).
        let at = 0;
        for await (const piece of body) {
          const bytes = piece as Buffer;
          if (at + bytes.length > into.length) {
            body.destroy();
            return null;
          }
          bytes.copy(into, at);
          at += bytes.length;
        }
        return at;
      } catch (error) {
        if (isNotFound(error)) throw new ObjectNotFoundError(key);
        throw error;
      }
    },
    async head(key) {
      try {
        const out = await client.send(new HeadObjectCommand({ Bucket, Key: full(key) }));
        return { size: out.ContentLength ?? 0 };
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
    async listPage(prefix, options = {}): Promise<ObjectPage> {
      const out = await client.send(
        new ListObjectsV2Command({
          Bucket,
          Prefix: `${where.prefix}${prefix}`,
          ContinuationToken: options.continuation,
          MaxKeys: options.limit ?? 1000,
        }),
      );
      const objects = (out.Contents ?? []).map((o) => ({
        key: o.Key!.slice(where.prefix.length),
        size: o.Size ?? 0,
        modifiedAt: o.LastModified?.getTime() ?? 0,
      }));
      return {
        keys: objects.map((o) => o.key),
        objects,
        next: out.IsTruncated ? out.NextContinuationToken : undefined,
      };
    },
    async delete(keys) {
      for (let i = 0; i < keys.length; i += deleteBatch) {
        const batch = keys.slice(i, i + deleteBatch);
        const out = await client.send(
          new DeleteObjectsCommand({ Bucket, Delete: { Objects: batch.map((k) => ({ Key: full(k) })), Quiet: true } }),
        );
        if (out.Errors?.length)
          throw new Error(
            `The store refused to delete ${out.Errors.length} object(s): ${out.Errors[0].Code} ${out.Errors[0].Message ?? ''}`.trim(),
          );
      }
    },
  };
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404)
  );
}
