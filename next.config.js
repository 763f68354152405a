// Native and driver packages stay outside the bundle: they load .node files or use dynamic requires.
/** @type {import('next').NextConfig} */
const nextConfig = {
  serverExternalPackages: ['better-sqlite3', 'pg', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'bcryptjs'],
  poweredByHeader: false,
};

export default nextConfig;
