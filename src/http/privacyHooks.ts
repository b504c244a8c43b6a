/**
 * The consent signals of `POST /v1/events`, read before the events are gated and stored. (Access
 * control is `access.ts`; the CORS answers to the pixel are in `app.ts`.)
 */
import type { FastifyInstance } from 'fastify';
import type { PrivacyHttpContext } from './privacyContext.ts';
import { pathOf } from './requestGuard.ts';
import { onEventsConsent } from './routes/consent.ts';

/** Installs the hooks (call after `installAccess`, before the routes are registered). */
export function installPrivacyHooks(app: FastifyInstance, ctx: PrivacyHttpContext): void {
  app.addHook('preHandler', (req, _reply, done) => {
    if (req.method === 'POST' && pathOf(req.url) === '/v1/events') onEventsConsent(req, ctx).then(() => done(), done);
    else done();
  });
}
