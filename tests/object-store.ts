import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { openObjectStore, type ObjectStore } from '@/lib/storage/objects';
import { ensureSwift, s3 as S3 } from '@/scripts/swift/start.mjs';

// A fresh bucket on the loopback Swift (started if it is not up; a Swift that cannot start fails
// the test). Each call makes its own bucket, so tests never see each other's objects.

export const swiftCredentials = { accessKeyId: S3.accessKeyId, secretAccessKey: S3.secretAccessKey };

/** An S3 client for the loopback Swift as its operator, for making and removing buckets. */
export function swiftAdmin(): S3Client {
  return new S3Client({
    ...S3,
    forcePathStyle: true,
    credentials: swiftCredentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export async function freshBucket(
  name: string,
): Promise<{ bucket: string; url: (prefix?: string) => string; objects: (prefix?: string) => ObjectStore }> {
  await ensureSwift({ quiet: true });
  const bucket = `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`.toLowerCase();
  const admin = swiftAdmin();
  await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  admin.destroy();
  const url = (prefix = 'store') =>
    `s3://${bucket}/${prefix}?endpoint=${encodeURIComponent(S3.endpoint)}&path-style=true`;
  return { bucket, url, objects: (prefix) => openObjectStore(url(prefix), swiftCredentials) };
}

/**
 * Puts the image store and the eu-central backup store on fresh buckets, as an operator does by
 * environment (the backup store encrypted with a new key). Returns a function that puts the
 * environment back.
 */
export async function objectStoresByEnvironment(name: string): Promise<() => void> {
  const saved = { ...process.env };
  const images = await freshBucket(`${name}-images`);
  const backups = await freshBucket(`${name}-backups`);
  Object.assign(process.env, {
    IMAGE_STORE: images.url('images'),
    IMAGE_STORE_ACCESS_KEY_ID: swiftCredentials.accessKeyId,
    IMAGE_STORE_SECRET_ACCESS_KEY: swiftCredentials.secretAccessKey,
    BACKUP_STORE_EU_CENTRAL: backups.url('eu-central'),
    BACKUP_STORE_EU_CENTRAL_ACCESS_KEY_ID: swiftCredentials.accessKeyId,
    BACKUP_STORE_EU_CENTRAL_SECRET_ACCESS_KEY: swiftCredentials.secretAccessKey,
    BACKUP_STORE_EU_CENTRAL_KEY: randomBytes(32).toString('hex'),
  });
  return () => {
    process.env = saved;
  };
}
