import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * Generates the OpenAPI 3.1 description from the routes' zod schemas (one schema drives validation,
 * serialisation and documentation), served at /api/openapi.json with a browsable page at /api/docs.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Coral API',
        version,
        description:
          'The API of Coral, the data hub for the Caribbean response to trafficking in human beings and ' +
          "smuggling of migrants. Browsers authenticate with the session cookie (and send the session's " +
          'CSRF token in X-CSRF-Token on writes); machine clients send "Authorization: Bearer TOKEN". ' +
          'Errors answer { "error": { "code", "message", "details" } }.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'coral_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // The docs page is served offline: no https: sources; its widgets set inline styles.
    transformStaticCSP: (header) =>
      header.replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'").replace(/ https:/g, ''),
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
