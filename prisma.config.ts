import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';

// The Prisma 6 CLI runs its schema engine as WebAssembly through the pg driver adapter, so
// `migrate deploy` and `migrate diff` work without downloading native engines.
const connectionString = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  adapter: async () => new PrismaPg({ connectionString }),
});
