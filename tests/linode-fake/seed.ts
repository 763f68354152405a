import { addBackup } from './state-backups';
import { seedPublicImages } from './state-images';
import { addInstance } from './state-instances';
import { emptyState, type FakeState, type StateOptions } from './state';

const DAY_MS = 86_400_000;
const MAIN_DISK_MB = 25_600; // 25 GiB

/**
 * The account every fake starts with: three instances with a 25 GiB disk and a swap disk, in
 * two regions; web-1 has backups on, a fixed window and two automatic backups to restore.
 */
export function seededState(options: StateOptions = {}): FakeState {
  const state = emptyState(options);
  seedPublicImages(state);
  const web1 = addInstance(state, {
    label: 'web-1',
    region: 'us-east',
    type: 'g6-standard-1',
    tags: ['web', 'prod'],
    mainDiskMB: MAIN_DISK_MB,
    usedMB: 2_100,
    backupsEnabled: true,
  });
  web1.backups.schedule = { day: 'Saturday', window: 'W10' };
  addInstance(state, {
    label: 'web-2',
    region: 'us-east',
    type: 'g6-standard-1',
    tags: ['web'],
    mainDiskMB: MAIN_DISK_MB,
    usedMB: 1_800,
  });
  addInstance(state, {
    label: 'db-1',
    region: 'eu-west',
    type: 'g6-standard-1',
    tags: ['db'],
    mainDiskMB: MAIN_DISK_MB,
    usedMB: 3_500,
  });
  const now = state.now().getTime();
  for (const daysAgo of [2, 1])
    addBackup(state, web1, 'auto', null, new Date(now - daysAgo * DAY_MS).toISOString().slice(0, 19));
  return state;
}
