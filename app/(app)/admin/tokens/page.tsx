import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TokenTable } from '@/components/token-table';
import { readAllTokens } from '@/lib/data/api-tokens';
import { readTeams } from '@/lib/data/admin';

export const metadata: Metadata = { title: 'Access tokens' };

// Every user's personal access tokens: who made which, what it may do, when it was last used
// and from where; an administrator revokes any of them here (a leaked one, a leaver's).
export default async function AdminTokensPage() {
  const [tokens, teams] = await Promise.all([readAllTokens(), readTeams()]);
  if (!tokens || !teams) notFound();
  return (
    <>
      <h1 className="text-2xl font-semibold">Access tokens</h1>
      <p className="mt-1 text-sm text-slate-600">
        Personal access tokens of every user. Users make their own in Settings; a disabled user&apos;s tokens are
        refused until they are enabled again.
      </p>
      {tokens.length === 0 ? (
        <p className="mt-6 text-sm text-slate-600">No one has made a token yet.</p>
      ) : (
        <TokenTable tokens={tokens} teams={teams} withOwner />
      )}
    </>
  );
}
