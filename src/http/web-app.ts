import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../platform/errors.js';
import { sendError } from './error-handler.js';

/**
 * Serves the built web app from `webRoot` at `/`, with every other non-API GET answered by its
 * index.html so client-side routes survive a reload. Without a build, `/` says how to make one.
 */
export async function registerWebApp(app: FastifyInstance, webRoot: string): Promise<void> {
  const built = existsSync(join(webRoot, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?', 1)[0] ?? '';
    if (path.startsWith('/api/') || request.method !== 'GET') {
      return sendError(reply, request, new AppError('not_found', `No route ${request.method} ${path}.`));
    }
    if (!built) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The Coral web app has not been built. Run `npm run build:web` (or `npm start`), then reload.');
    }
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });
}
