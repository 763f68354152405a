// Whether someone has been here before, from their own successful sign-ins and password changes
// in the audit log (oldest first). Changing a password ends the session and the settings form
// signs straight in again with the new one; that sign-in continues the same visit. So a new
// user's one-time password sign-in, their change and the sign-in after it are one first visit.

export type VisitEvent = { action: 'auth.signin' | 'user.password-change' };

/** Visits in these events: sign-ins that do not directly follow a password change. */
export function countVisits(events: VisitEvent[]): number {
  let visits = 0;
  events.forEach((e, i) => {
    if (e.action === 'auth.signin' && events[i - 1]?.action !== 'user.password-change') visits += 1;
  });
  return visits;
}

/** How many of the earliest events decide it: two visits are enough to say "welcome back". */
export const VISIT_EVENTS_READ = 20;
