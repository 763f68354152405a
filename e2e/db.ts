import Database from 'better-sqlite3';
import path from 'node:path';
import { E2E_DATA_DIR } from '../playwright.config';

// Direct access to the e2e server's own SQLite file, for arranging what the UI cannot yet set
// (the admin console that edits account limits arrives with the teams issue).
function open() {
  return new Database(path.join(E2E_DATA_DIR, 'lifeboat.db'), { timeout: 5000 });
}

export function setImageLimit(limit: number) {
  const db = open();
  try {
    db.prepare('UPDATE ProviderAccount SET imageLimit = ?').run(limit);
  } finally {
    db.close();
  }
}

export function countedImages(): number {
  const db = open();
  try {
    return (db.prepare("SELECT COUNT(*) AS n FROM Image WHERE status IN ('creating', 'available')").get() as { n: number }).n;
  } finally {
    db.close();
  }
}
