import { ensureSwift } from '../scripts/swift/start.mjs';

// The Storage page's "Test connection" reaches the loopback object store (OpenStack Swift with
// s3api) from the server under test: start it if it is not up. It is shared and never stopped here.
export default async function globalSetup() {
  await ensureSwift({ quiet: true });
}
