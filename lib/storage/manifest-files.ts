import fs from 'node:fs/promises';
import { fsyncDir, writeFileAtomic } from './atomic';
import { manifestPath, manifestsDir, TEMP_PREFIX } from './layout';
import { parseManifest, serializeManifest, type Manifest } from './manifest';

// Manifests on disk. Writing one is the commit point of a capture, so it is atomic and its
// directory is fsynced: after a crash a manifest is either fully there or absent.

export class ManifestNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`manifest ${id} not found`);
    this.name = 'ManifestNotFoundError';
  }
}

export async function readManifest(root: string, id: string): Promise<Manifest> {
  let text: string;
  try {
    text = await fs.readFile(manifestPath(root, id), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ManifestNotFoundError(id);
    throw error;
  }
  return parseManifest(text, id);
}

export async function manifestExists(root: string, id: string): Promise<boolean> {
  try {
    await fs.access(manifestPath(root, id));
    return true;
  } catch {
    return false;
  }
}

export async function writeManifest(root: string, manifest: Manifest): Promise<void> {
  await fs.mkdir(manifestsDir(root), { recursive: true });
  await writeFileAtomic(manifestPath(root, manifest.id), serializeManifest(manifest), { syncDir: true });
}

/** Removes a manifest (its chunks stay until collectGarbage). Returns false if it did not exist. */
export async function deleteManifest(root: string, id: string): Promise<boolean> {
  try {
    await fs.unlink(manifestPath(root, id));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  await fsyncDir(manifestsDir(root));
  return true;
}

/** Ids of every manifest in the store, sorted. */
export async function listManifestIds(root: string): Promise<string[]> {
  const names = await fs.readdir(manifestsDir(root)).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith('.json') && !n.startsWith(TEMP_PREFIX))
    .map((n) => n.slice(0, -'.json'.length))
    .sort();
}
