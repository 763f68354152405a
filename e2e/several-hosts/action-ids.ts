import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// How Next names a server action in a build (next-custom-transforms, server_actions.rs):
//   id = one type byte (hex) + SHA-1(hash salt + file name + ":" + export name)
// and the hash salt is the build's Server Actions encryption key: NEXT_SERVER_ACTIONS_ENCRYPTION_KEY
// when it is set at build time, otherwise a random key Next makes. The key is embedded in the build
// (the manifest below), so hosts serving one build agree on every id; hosts that build separately
// agree only when they build with the same key.

type Entry = { filename: string; exportedName: string };
type Manifest = { encryptionKey: string; node: Record<string, Entry> };

export function buildManifest(): Manifest {
  return JSON.parse(
    fs.readFileSync(path.join(process.cwd(), '.next', 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as Manifest;
}

/** The id the action would have in a build made with `key` (the type byte does not depend on it). */
export function actionIdWith(key: string, id: string, entry: Entry): string {
  return id.slice(0, 2) + createHash('sha1').update(`${key}${entry.filename}:${entry.exportedName}`).digest('hex');
}

/** The build's id of an exported action. */
export function actionIdOf(manifest: Manifest, filename: string, exportedName: string): string {
  const found = Object.entries(manifest.node).find(
    ([, e]) => e.filename === filename && e.exportedName === exportedName,
  );
  if (!found) throw new Error(`No server action ${exportedName} from ${filename} in the build`);
  return found[0];
}
