import 'server-only';
import { can, readableTeamIds } from '@/lib/auth/permissions';
import { requireCaller } from '@/lib/auth/session';
import { db } from '@/lib/db/client';
import { eventsOf } from '@/lib/domain/alerts/events';
import { alertSettings } from '@/lib/services/alerts/settings';

// The alert settings screen: the teams the caller can read, and for the chosen one its
// destinations with their recent deliveries. Viewers see it all and change nothing; the
// signing secrets and the SMTP password never leave the server.

const RECENT_DELIVERIES = 20;

/** The alerts of one team (the caller's first team when none is asked for); null when it is not theirs. */
export async function readAlerts(teamId?: string) {
  const caller = await requireCaller();
  const readable = readableTeamIds(caller);
  const teams = await db().team.findMany({
    where: readable ? { id: { in: readable } } : { holdsAccountId: null },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
    take: 200,
  });
  const chosen = teamId ?? teams[0]?.id;
  if (!chosen) return { teams, team: null };
  if (!can(caller, 'read', chosen)) return null;
  const team = await db().team.findUnique({ where: { id: chosen }, select: { id: true, name: true } });
  if (!team) return null;
  const destinations = await db().alertDestination.findMany({
    where: { teamId: team.id },
    orderBy: { createdAt: 'asc' },
    include: { deliveries: { orderBy: { createdAt: 'desc' }, take: RECENT_DELIVERIES } },
  });
  const { allowPrivateTargets, smtpHost } = await alertSettings(db());
  return {
    teams: teams.some((t) => t.id === team.id) ? teams : [...teams, team],
    team: {
      ...team,
      canManage: can(caller, 'write', team.id),
      allowPrivateTargets,
      emailReady: smtpHost !== null,
      destinations: destinations.map((d) => ({
        id: d.id,
        kind: d.kind,
        name: d.name,
        target: d.target,
        events: eventsOf(d.events),
        enabled: d.enabled,
        disabledReason: d.disabledReason,
        consecutiveFailures: d.consecutiveFailures,
        deliveries: d.deliveries.map((x) => ({
          id: x.id,
          event: x.event,
          status: x.status,
          attempts: x.attempts,
          responseStatus: x.responseStatus,
          responseExcerpt: x.responseExcerpt,
          error: x.error,
          createdAt: x.createdAt.toISOString(),
          jobId: x.jobId,
        })),
      })),
    },
  };
}

export type AlertsView = NonNullable<Awaited<ReturnType<typeof readAlerts>>>;
export type DestinationView = NonNullable<AlertsView['team']>['destinations'][number];

/** Admins only: the alert settings of the whole installation. */
export async function readAlertSettings() {
  const caller = await requireCaller();
  if (!can(caller, 'admin')) return null;
  const s = await alertSettings(db());
  return {
    allowPrivateTargets: s.allowPrivateTargets,
    smtp: {
      host: s.smtpHost ?? '',
      port: s.smtpPort,
      security: s.smtpSecurity,
      user: s.smtpUser ?? '',
      passwordSet: s.smtpPasswordEncrypted !== null,
      from: s.smtpFrom ?? '',
    },
    updatedByName: s.updatedByName,
  };
}
