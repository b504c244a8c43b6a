/**
 * Admin endpoints of the privacy work (API key role `admin`):
 * - `GET /v1/admin/exports/:id`: the JSON export a `customers/data_request` produced (202 while it is
 *   being prepared);
 * - `GET /v1/admin/privacy/jobs/:id`: a privacy job's status and summary (never its identifiers).
 */
import type { FastifyInstance } from 'fastify';
import { AffinityError } from '../../core/errors.ts';
import type { PrivacyHttpContext } from '../privacyContext.ts';

export function adminRoutes(app: FastifyInstance, ctx: PrivacyHttpContext): void {
  app.get<{ Params: { id: string } }>('/v1/admin/exports/:id', async (req, reply) => {
    const shop = req.tenant;
    const id = req.params.id;
    const doc = await ctx.queue.getExport(shop, id, ctx.clock());
    if (doc !== undefined) return { id, shop, status: 'ready', export: doc };
    const job = await ctx.queue.getJob(id);
    if (job && job.shop === shop && job.kind === 'customers/data_request' && job.status === 'pending') {
      return reply.status(202).send({ id, shop, status: 'pending', attempts: job.attempts });
    }
    throw new AffinityError('NOT_FOUND', `No export ${id} for shop ${shop} (it may have expired after 30 days).`);
  });

  app.get<{ Params: { id: string } }>('/v1/admin/privacy/jobs/:id', async (req) => {
    const shop = req.tenant;
    const job = await ctx.queue.getJob(req.params.id);
    if (!job || job.shop !== shop) throw new AffinityError('NOT_FOUND', `No privacy job ${req.params.id} for shop ${shop}.`);
    return {
      id: job.id,
      shop: job.shop,
      kind: job.kind,
      status: job.status,
      attempts: job.attempts,
      createdAt: new Date(job.createdAt).toISOString(),
      updatedAt: new Date(job.updatedAt).toISOString(),
      ...(job.result ? { result: job.result } : {}),
      ...(job.lastError ? { lastError: job.lastError } : {}),
    };
  });
}
