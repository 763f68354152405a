/** Prisma's unique-constraint violation (P2002), as both driver adapters report it. */
export function isUniqueViolation(error: unknown, field: string): boolean {
  if (typeof error !== 'object' || error === null || (error as { code?: unknown }).code !== 'P2002') return false;
  const meta = (error as { meta?: Record<string, unknown> }).meta ?? {};
  // SQLite names the fields, PostgreSQL the index (Job_lockKey_key), older shapes a target.
  // When nothing is named, it is taken to be the caller's field: each caller writes a table where
  // that field is the only unique column it sets (Job.lockKey, User.email, Team.name, ProviderAccount.name).
  const text = JSON.stringify(meta);
  if (!/constraint|target/.test(text)) return true;
  return text.includes(`"${field}"`) || text.includes(`_${field}_key`);
}
