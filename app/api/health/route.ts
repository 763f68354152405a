import { NextResponse } from 'next/server';
import { databaseProvider } from '@/lib/config/env';
import { db } from '@/lib/db/client';
import { migrationStatus } from '@/lib/db/migration-status';

// Open to anyone (load balancers ask it): it names the database kind and migration state,
// never a URL, a path or a credential.
export const dynamic = 'force-dynamic';

export async function GET() {
  const provider = databaseProvider();
  try {
    const migrations = await migrationStatus(db(), provider);
    return NextResponse.json({
      status: migrations.applied ? 'ok' : 'degraded',
      database: { provider, reachable: true, migrations },
    });
  } catch {
    return NextResponse.json({ status: 'error', database: { provider, reachable: false } }, { status: 503 });
  }
}
