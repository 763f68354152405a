import { rotate, type AutomaticBackup } from './rotation';

// A rebuilt database must put recovered automatic backups back in their daily/weekly/biweekly
// slots, which were decided after each was taken and are not in the store. Replaying the
// rotation over them in the order they were taken gives the slots the service gave them;
// a backup the replay would have rotated out is reported, never deleted (the store still has
// it, and a rebuild never throws data away).

export function replaySlots(
  taken: { id: string; takenAt: Date }[],
  scheduledDay: number,
): { keep: { id: string; slot: AutomaticBackup['slot'] }[]; rotatedOut: string[] } {
  let existing: AutomaticBackup[] = [];
  const out = new Set<string>();
  for (const b of [...taken].sort((x, y) => x.takenAt.getTime() - y.takenAt.getTime())) {
    const r = rotate({ existing, taken: b, scheduledDay, now: b.takenAt });
    for (const id of r.delete) out.add(id);
    const byId = new Map([...existing.map((e) => [e.id, e] as const), [b.id, { ...b, slot: 'daily' as const }]]);
    existing = r.keep.map((k) => ({ ...byId.get(k.id)!, slot: k.slot }));
  }
  return { keep: existing.map((e) => ({ id: e.id, slot: e.slot })), rotatedOut: [...out] };
}

/** A label not yet taken among `taken`: the recorded one, else with " (recovered)" and a number. */
export function freeLabel(label: string, taken: Set<string>): string {
  if (!taken.has(label)) return label;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${label}-recovered` : `${label}-recovered-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
