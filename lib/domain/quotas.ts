// Team quotas an admin sets (SPEC: deploy within their team's quota): at most N images and at
// most N instances per team. They stack on the account's own limits, which still hold.

export type TeamQuota = { teamName: string; used: number; max: number | null };

/** Null when one more fits; otherwise the refusal in words, naming the team and the figures. */
export function quotaRefusal(kind: 'images' | 'instances', q: TeamQuota): string | null {
  if (q.max === null || q.used < q.max) return null;
  const noun = kind === 'images' ? (q.max === 1 ? 'image' : 'images') : q.max === 1 ? 'instance' : 'instances';
  const fix =
    kind === 'images' ? 'Delete an image the team no longer needs' : 'Remove an instance the team no longer needs';
  return `Team ${q.teamName} has used its quota of ${q.max} ${noun} (${q.used} of ${q.max}). ${fix}, or ask an administrator to raise the quota.`;
}

/** "3 of 5" or "3 (no limit)" for quota displays. */
export function quotaLabel(used: number, max: number | null): string {
  return max === null ? `${used} (no limit)` : `${used} of ${max}`;
}
