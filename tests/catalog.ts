import fs from 'node:fs';
import path from 'node:path';

// Small plans for integration tests, so disks of tens of MiB stand in for tens of GiB and a
// test can read whole disks in milliseconds. Written as a LIFEBOAT_CATALOG file under dataDir.
const MiB = 1024 * 1024;

export function setTestCatalog(dataDir: string) {
  const regions = ['eu-central', 'us-east'].map((id) => ({
    id,
    label: id,
    storageDir: path.join(dataDir, 'regions', id),
  }));
  const plans = [
    {
      id: 'micro',
      label: 'Micro',
      diskBytes: 16 * MiB,
      swapBytes: 1 * MiB,
      memoryMb: 256,
      pricePerMonth: 1,
      backupPricePerMonth: 0.5,
    },
    {
      id: 'small',
      label: 'Small',
      diskBytes: 48 * MiB,
      swapBytes: 2 * MiB,
      memoryMb: 512,
      pricePerMonth: 2,
      backupPricePerMonth: 1,
    },
    {
      id: 'large',
      label: 'Large',
      diskBytes: 96 * MiB,
      swapBytes: 2 * MiB,
      memoryMb: 1024,
      pricePerMonth: 4,
      backupPricePerMonth: 2,
    },
    {
      id: 'huge',
      label: 'Huge',
      diskBytes: 768 * MiB,
      swapBytes: 2 * MiB,
      memoryMb: 4096,
      pricePerMonth: 16,
      backupPricePerMonth: 8,
    },
  ];
  const file = path.join(dataDir, 'catalog.json');
  fs.writeFileSync(file, JSON.stringify({ plans, regions }));
  process.env.LIFEBOAT_CATALOG = file;
  process.env.DATA_DIR = dataDir;
  return file;
}
