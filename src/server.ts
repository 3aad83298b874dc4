import type { FastifyInstance } from 'fastify';
import { createApp } from './app.js';
import type { Runtime } from './runtime.js';

export interface RunningServer {
  app: FastifyInstance;
  /** The address to open in a browser. */
  url: string;
  /** Stops taking requests, lets those under way finish, then closes the database. */
  stop(): Promise<void>;
}

/**
 * Serves the API and the web app over an opened runtime.
 *
 * @example
 * const server = await startServer(runtime);
 * process.once('SIGTERM', () => server.stop());
 */
export async function startServer(
  runtime: Runtime,
  options: { webRoot?: string } = {},
): Promise<RunningServer> {
  const { http } = runtime.config;
  const app = await createApp(
    runtime.deps,
    {
      trustProxy: http.trustProxy,
      rateLimitPerMinute: http.rateLimitPerMinute,
      bodyLimit: http.bodyLimit,
      webRoot: options.webRoot,
    },
    runtime.services,
  );
  await app.listen({ host: http.host, port: http.port });
  const housekeeping = setInterval(() => {
    runtime.services.auth
      .purgeExpiredSessions()
      .catch((error: unknown) => app.log.warn({ err: error }, 'session purge failed'));
  }, 10 * 60_000);
  housekeeping.unref();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : http.port;
  const host = http.host === '0.0.0.0' || http.host === '::' ? 'localhost' : http.host;
  let stopping: Promise<void> | undefined;
  return {
    app,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    stop() {
      stopping ??= (async () => {
        clearInterval(housekeeping);
        await app.close();
        await runtime.close();
      })();
      return stopping;
    },
  };
}
