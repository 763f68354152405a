// For anyone with a working Prisma CLI (native schema engine): `npx prisma migrate deploy`,
// `migrate status` or `studio` then use the same per-provider folders that scripts/migrate.mjs
// applies, picked by the provider of DATABASE_URL (default: the SQLite file under DATA_DIR).
// The URL rules live in one place, shared with the scripts.
import { defineConfig } from 'prisma/config';
import { databaseUrl, providerFromUrl } from './scripts/lib/schemas.mjs';

const url = databaseUrl();
const provider = providerFromUrl(url);

export default defineConfig({
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
  datasource: { url },
});
