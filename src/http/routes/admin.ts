/**
 * Admin endpoints of the privacy work (API key role `admin`):
 * - `GET /v1/admin/exports?customerId=`: the ids of a customer's exports (Shopify reads only the status of
 *   the webhook's answer, so the merchant who must hand the data over finds it by the customer);
 * - `GET /v1/admin/exports/:id`: the JSON export a `customers/data_request` produced (202 while it is
 *   being prepared);
 * - `GET /v1/admin/privacy/jobs/:id`: a privacy job's status and summary (never its identifiers).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AffinityError } from '../../core/errors.ts';
import { normalizeId } from '../../core/ids.ts';
import { parseBody } from '../parse.ts';
import type { PrivacyHttpContext } from '../privacyContext.ts';

/** Query of `GET /v1/admin/exports`: the customer (Shopify's numeric id or its GID). */
export const ExportsQuery = z
  .object({
    shop: z.string().min(1).max(255).optional(),
    customerId: z
      .string()
      .min(1)
      .max(200)
      .refine((v) => /^\d{1,30}$/.test(normalizeId(v) ?? ''), 'must be a Shopify customer id (digits, or gid://shopify/Customer/<digits>)'),
  })
  .strict();

export function adminRoutes(app: FastifyInstance, ctx: PrivacyHttpContext): void {
  app.get('/v1/admin/exports', async (req) => {
    const shop = req.tenant;
    const q = parseBody(ExportsQuery, req.query);
    const customerId = normalizeId(q.customerId) as string;
    const ids = await ctx.queue.exportIdsOf(shop, customerId, ctx.clock());
    return { shop, customerId, exports: ids.map((id) => ({ id, href: `/v1/admin/exports/${encodeURIComponent(id)}` })) };
  });

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
