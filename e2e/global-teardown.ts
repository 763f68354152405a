import fs from 'node:fs/promises';
import { E2E_DATA_DIR, E2E_OWN_WORLD_DATA_DIR } from '../playwright.config';

// The demo disks hold gigabytes of allocated space; give it back when the run ends.
export default async function globalTeardown() {
  for (const dir of [E2E_DATA_DIR, E2E_OWN_WORLD_DATA_DIR]) await fs.rm(dir, { recursive: true, force: true });
}
