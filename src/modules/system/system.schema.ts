import { z } from 'zod';

/** Answer of `GET /api/health`. */
export const healthView = z.object({
  status: z.enum(['ok', 'degraded']).describe('ok when the database answers'),
  version: z.string().describe('Coral version'),
  storage: z.enum(['pglite', 'postgres']).describe('Embedded PGlite or a PostgreSQL server'),
});
