import { registerBackupHandlers } from './backups';
import { registerImageHandlers } from './images';
import { registerSyncHandlers } from './sync';

// Every job kind the app runs; called once per process before a worker starts.
let registered = false;

export function registerAllHandlers() {
  if (registered) return;
  registered = true;
  registerImageHandlers();
  registerBackupHandlers();
  registerSyncHandlers();
}
