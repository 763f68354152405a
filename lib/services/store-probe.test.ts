import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { generateStoreKey, openChunkStore } from '@/lib/storage';
import { describeStoreError, probeStore } from './store-probe';

// A failed connection test reads as what to fix, not as a stack trace.

const s3Error = (name: string, status: number) =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: `raw ${name}` });
const netError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });

describe('describeStoreError', () => {
  it('says access denied in words for a wrong key, a wrong secret or a missing right', () => {
    expect(describeStoreError(s3Error('InvalidAccessKeyId', 403))).toBe(
      'Access denied: the store does not know this access key ID.',
    );
    expect(describeStoreError(s3Error('SignatureDoesNotMatch', 403))).toBe(
      'Access denied: the secret access key does not match the access key ID.',
    );
    expect(describeStoreError(s3Error('AccessDenied', 403))).toMatch(/^Access denied: this access key may not write/);
    expect(describeStoreError(s3Error('SomethingElse', 403))).toMatch(/^Access denied/);
  });

  it('says when the bucket does not exist', () => {
    expect(describeStoreError(s3Error('NoSuchBucket', 404))).toMatch(/^There is no such bucket at this endpoint/);
  });

  it('says the endpoint is unreachable for network failures, alone or wrapped', () => {
    expect(describeStoreError(netError('ECONNREFUSED'))).toMatch(/^The endpoint is unreachable: .*connection refused/);
    expect(describeStoreError(netError('ENOTFOUND'))).toMatch(/host name does not resolve/);
    const aggregate = Object.assign(new AggregateError([netError('ECONNREFUSED')], ''), {});
    expect(describeStoreError(aggregate)).toMatch(/^The endpoint is unreachable/);
  });

  it('says what is wrong with a folder', () => {
    expect(describeStoreError(netError('EACCES'))).toBe('Lifeboat may not write to this folder (permission denied).');
    expect(describeStoreError(netError('EROFS'))).toBe('This folder is on a read-only filesystem.');
  });

  it('falls back to the status, then the message', () => {
    expect(describeStoreError(s3Error('InternalError', 500))).toBe('The store answered HTTP 500 (InternalError).');
    expect(describeStoreError(new Error('odd'))).toBe('The store could not be used: odd');
  });
});

describe('probeStore', () => {
  it('refuses an S3 store without credentials before any request', async () => {
    const result = await probeStore({
      scope: 'images',
      url: 's3://bucket/p?endpoint=http://127.0.0.1:9',
      source: 'setting',
    });
    expect(result).toEqual({
      ok: false,
      message:
        'No access key is set for s3://bucket/p/?endpoint=http://127.0.0.1:9: enter its access key ID and secret.',
    });
  });

  it('writes, reads back and deletes a probe object in a folder', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'lifeboat-probe-'));
    const result = await probeStore({ scope: 'images', url: root, source: 'setting' });
    expect(result).toEqual({
      ok: true,
      message: `Connected to file://${root}: a test object was written, read back and deleted.`,
    });
    expect(await fs.readdir(path.join(root, 'lifeboat-probe'))).toEqual([]);
    await fs.rm(root, { recursive: true });
  });

  it('says when the key does not open the store, or a store made with a key is given none', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'lifeboat-probe-'));
    const key = generateStoreKey();
    await (await openChunkStore(root, { key })).describe();
    expect(await probeStore({ scope: 'images', url: root, key, source: 'setting' })).toEqual({
      ok: true,
      message: expect.stringMatching(/Its key opens it\.$/),
    });
    expect(await probeStore({ scope: 'images', url: root, key: generateStoreKey(), source: 'setting' })).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Connected to file:\/\/.+, but the key given for the store at .+ is not its key\.$/,
      ),
    });
    expect(await probeStore({ scope: 'images', url: root, source: 'setting' })).toEqual({
      ok: false,
      message: expect.stringMatching(/but the store at .+ is encrypted: set its key/),
    });
    await fs.rm(root, { recursive: true });
  });

  it('says what is wrong with a folder it cannot write to, and never throws', async () => {
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'lifeboat-probe-')), 'a-file');
    await fs.writeFile(file, 'not a folder');
    const result = await probeStore({ scope: 'images', url: path.join(file, 'store'), source: 'setting' });
    expect(result).toEqual({
      ok: false,
      message: `Could not use file://${file}/store. Part of this folder\u2019s path is a file, not a folder.`,
    });
    await fs.rm(path.dirname(file), { recursive: true });
  });
});
