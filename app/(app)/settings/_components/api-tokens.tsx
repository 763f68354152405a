import Link from 'next/link';
import { TokenTable } from '@/components/token-table';
import { readTokenSettings } from '@/lib/data/api-tokens';
import { CreateTokenForm } from './create-token-form';

// Settings' personal access tokens: for scripts, CI and the lifeboat command, which call the
// REST API as the user who made the token.
export async function ApiTokens() {
  const { tokens, teams } = await readTokenSettings();
  return (
    <section aria-labelledby="tokens-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="tokens-heading" className="text-lg font-semibold">
        Personal access tokens
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Scripts, CI jobs and the <code>lifeboat</code> command use a token to call the{' '}
        <Link href="/api-docs" className="text-brand-700 underline">
          REST API
        </Link>{' '}
        as you, with what you may do narrowed to the token&apos;s access and teams. Every call is in the audit log.
      </p>
      <h3 id="create-token-heading" className="mt-4 font-semibold">
        Create a token
      </h3>
      <CreateTokenForm teams={teams} />
      <h3 className="mt-6 font-semibold">Your tokens</h3>
      {tokens.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">You have no tokens yet.</p>
      ) : (
        <TokenTable tokens={tokens} teams={teams} />
      )}
    </section>
  );
}
