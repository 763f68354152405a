import fs from 'node:fs';
import path from 'node:path';
import { dataDir } from './env';

// Plans and regions are configuration, not data: the host's operator decides what exists.
// LIFEBOAT_CATALOG may point at a JSON file of the same shape to replace these defaults.

const GiB = 1024 ** 3;

export type Plan = {
  id: string;
  label: string;
  diskBytes: number;
  swapBytes: number;
  memoryMb: number;
  pricePerMonth: number;
  backupPricePerMonth: number;
};

export type Region = { id: string; label: string; storageDir: string };

export type Catalog = { plans: Plan[]; regions: Region[] };

const defaultPlans: Plan[] = [
  {
    id: 'nano-1',
    label: 'Nano 1 GB',
    diskBytes: 25 * GiB,
    swapBytes: 512 * 1024 ** 2,
    memoryMb: 1024,
    pricePerMonth: 5,
    backupPricePerMonth: 2,
  },
  {
    id: 'standard-2',
    label: 'Standard 2 GB',
    diskBytes: 50 * GiB,
    swapBytes: 512 * 1024 ** 2,
    memoryMb: 2048,
    pricePerMonth: 12,
    backupPricePerMonth: 3,
  },
  {
    id: 'standard-4',
    label: 'Standard 4 GB',
    diskBytes: 80 * GiB,
    swapBytes: 1 * GiB,
    memoryMb: 4096,
    pricePerMonth: 24,
    backupPricePerMonth: 5,
  },
  {
    id: 'standard-8',
    label: 'Standard 8 GB',
    diskBytes: 160 * GiB,
    swapBytes: 1 * GiB,
    memoryMb: 8192,
    pricePerMonth: 48,
    backupPricePerMonth: 10,
  },
];

function defaultRegions(): Region[] {
  const base = path.join(dataDir(), 'regions');
  return [
    { id: 'eu-central', label: 'Frankfurt (eu-central)', storageDir: path.join(base, 'eu-central') },
    { id: 'us-east', label: 'Newark (us-east)', storageDir: path.join(base, 'us-east') },
  ];
}

// Regions are computed per call so a changed DATA_DIR (tests use one per run) is honoured.
const fromFiles = new Map<string, Catalog>();

export function catalog(): Catalog {
  const file = process.env.LIFEBOAT_CATALOG;
  if (file) {
    if (!fromFiles.has(file)) fromFiles.set(file, JSON.parse(fs.readFileSync(file, 'utf8')) as Catalog);
    return fromFiles.get(file)!;
  }
  return { plans: defaultPlans, regions: defaultRegions() };
}

export function findPlan(id: string): Plan | undefined {
  return catalog().plans.find((p) => p.id === id);
}

export function findRegion(id: string): Region | undefined {
  return catalog().regions.find((r) => r.id === id);
}
