import fs from 'node:fs/promises';
import { E2E_DATA_DIR } from '../playwright.config';

// The demo disks hold gigabytes of allocated space; give it back when the run ends.
export default async function globalTeardown() {
  await fs.rm(E2E_DATA_DIR, { recursive: true, force: true });
}
