/**
 * Shopify's privacy compliance webhooks: `POST /webhooks/shopify` (topic in `X-Shopify-Topic`), or the
 * per-topic paths `/webhooks/shopify/customers/data_request`, `/customers/redact` and `/shop/redact`.
 *
 * An encapsulated plugin: inside it every body is read as a raw buffer (the HMAC covers the exact
 * bytes Shopify sent), the signature is checked in constant time against every configured secret
 * (401 `WEBHOOK_UNAUTHORIZED` otherwise), the payload is validated (its `shop_domain` read as every shop
 * name is, lower case; 400 `INVALID_SHOP` when it is no shop domain), a delivery triggered too long ago is refused (400
 * `WEBHOOK_STALE`), duplicates and replays are recognised by the hash of the signed body as well as
 * by `X-Shopify-Webhook-Id` and `X-Shopify-Event-Id` (`core/privacy/webhookReplay.ts`; the keys live
 * in the store, with TTLs), and the work is only queued (durable queue, done by the privacy worker),
 * so the answer takes milliseconds: 202 for a new delivery, 200 (no new job) for one seen before.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifyShopifyHmac } from '../../adapters/shopify/webhookHmac.ts';
import { COMPLIANCE_TOPICS, complianceWork, type ComplianceTopic } from '../../core/privacy/complianceWebhook.ts';
import { deliveryDedupeKeys, staleDeliveryAgeMs, WEBHOOK_MAX_AGE_MS } from '../../core/privacy/webhookReplay.ts';
import { AffinityError } from '../../core/errors.ts';
import type { PrivacyHttpContext } from '../privacyContext.ts';

/** Registers the three compliance webhook routes in their own scope. */
export function shopifyWebhookRoutes(app: FastifyInstance, ctx: PrivacyHttpContext): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));
    const topics = Object.keys(COMPLIANCE_TOPICS) as ComplianceTopic[];
    // One URI for all compliance topics (what `compliance_topics` + `uri` in shopify.app.toml gives):
    // the topic comes in the X-Shopify-Topic header. The per-topic paths below work too.
    scope.post('/webhooks/shopify', async (req, reply) => {
      const header = req.headers['x-shopify-topic'];
      const topic = topics.find((t) => t === header);
      if (!topic) {
        throw new AffinityError('VALIDATION_FAILED', `X-Shopify-Topic must be one of ${topics.join(', ')}.`, [{ path: 'x-shopify-topic', message: `got ${String(header)}` }]);
      }
      return handle(topic, req, reply);
    });
    for (const topic of topics) scope.post(`/webhooks/shopify/${topic}`, async (req, reply) => handle(topic, req, reply));

    async function handle(topic: ComplianceTopic, req: FastifyRequest, reply: FastifyReply) {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const sig = req.headers['x-shopify-hmac-sha256'];
        if (!verifyShopifyHmac(raw, typeof sig === 'string' ? sig : undefined, ctx.webhookSecrets)) {
          ctx.onWebhook?.(topic, 'unauthorized');
          throw new AffinityError(
            'WEBHOOK_UNAUTHORIZED',
            ctx.webhookSecrets.length === 0 ? 'No Shopify app secret is configured (SHOPIFY_API_SECRET).' : 'The X-Shopify-Hmac-SHA256 signature does not match.',
          );
        }
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch (err) {
          ctx.onWebhook?.(topic, 'invalid');
          throw new AffinityError('INVALID_JSON', `The webhook body is not valid JSON: ${(err as Error).message}`);
        }
        const r = complianceWork(topic, body);
        if ('issues' in r) {
          // A 4xx: this body will never succeed, whichever retry of it comes (Shopify retries any non-2xx,
          // and shows the failures to the app's developer; a 2xx would hide a request that did nothing).
          ctx.onWebhook?.(topic, 'invalid');
          throw new AffinityError(r.code, `Invalid ${topic} payload: ${r.issues[0]?.path}: ${r.issues[0]?.message}`, r.issues);
        }
        const now = ctx.clock();
        const age = staleDeliveryAgeMs(header(req, 'x-shopify-triggered-at'), now);
        if (age !== undefined) {
          ctx.onWebhook?.(topic, 'invalid');
          throw new AffinityError(
            'WEBHOOK_STALE',
            `This ${topic} webhook was triggered ${Math.round(age / 60_000)} minutes ago (X-Shopify-Triggered-At); deliveries older than ${WEBHOOK_MAX_AGE_MS / 3_600_000} hours are replays and are not acted on.`,
          );
        }
        const bodySha256 = createHash('sha256').update(topic).update('\n').update(raw).digest('hex');
        const webhookId = header(req, 'x-shopify-webhook-id');
        const eventId = header(req, 'x-shopify-event-id');
        const dedupe = deliveryDedupeKeys(bodySha256, { ...(webhookId ? { webhookId } : {}), ...(eventId ? { eventId } : {}) });
        const q = await ctx.queue.enqueue({ id: ctx.newId(), ...r.work, dedupe }, now);
        ctx.onWebhook?.(topic, q.duplicate ? 'duplicate' : 'queued');
        if (!q.duplicate) ctx.onEnqueued?.();
        return reply.status(q.duplicate ? 200 : 202).send({ received: true, jobId: q.id, duplicate: q.duplicate });
    }
  });
}

/** A header's value when it is one non-empty string. */
function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}
