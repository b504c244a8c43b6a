/**
 * Shopify's privacy compliance webhooks: `POST /webhooks/shopify` (topic in `X-Shopify-Topic`), or the
 * per-topic paths `/webhooks/shopify/customers/data_request`, `/customers/redact` and `/shop/redact`.
 *
 * An encapsulated plugin: inside it every body is read as a raw buffer (the HMAC covers the exact
 * bytes Shopify sent), and the signature is checked first, in constant time against every configured
 * secret (401 `WEBHOOK_UNAUTHORIZED` otherwise, whatever the topic: Shopify asks 401 for an invalid HMAC).
 * Then the topic is found ({@link TOPIC_HANDLERS}) and its handler runs; a signed delivery of a topic this
 * service does not act on (`app/uninstalled`, or any topic an app's configuration subscribes to this URI) is
 * acknowledged with 200 `{received: true, handled: false}` and does nothing: it is Shopify's, and refusing
 * it would only make Shopify retry a delivery that can never do more (docs/decisions/0011). A request
 * without `X-Shopify-Topic` is none Shopify sends: 400. Shopify
 * does not sign the topic, so the body must prove it: a body of another topic's shape, or a per-topic
 * path and an `X-Shopify-Topic` that disagree, is refused with 400 `WEBHOOK_TOPIC_MISMATCH`
 * (`core/privacy/complianceWebhook.ts`). The payload is validated (its `shop_domain` read as every shop
 * name is, lower case; 400 `INVALID_SHOP` when it is no shop domain), a delivery triggered too long ago
 * is refused (400 `WEBHOOK_STALE`), duplicates and replays are recognised by `X-Shopify-Webhook-Id`,
 * `X-Shopify-Event-Id` and, where a replay would do harm, the hash of the signed body
 * (`core/privacy/webhookReplay.ts`; the keys live in the store, with TTLs), and the work is only queued
 * (durable queue, done by the privacy worker), so the answer takes milliseconds: 202 for a new
 * delivery, 200 (no new job) for one seen before.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { verifyShopifyHmac } from '../../adapters/shopify/webhookHmac.ts';
import { parseWebhookJson } from '../../adapters/shopify/webhookJson.ts';
import { COMPLIANCE_TOPICS, complianceWork, type ComplianceTopic } from '../../core/privacy/complianceWebhook.ts';
import { deliveryDedupeKeys, staleDeliveryAgeMs, WEBHOOK_MAX_AGE_MS } from '../../core/privacy/webhookReplay.ts';
import { parseShopName } from '../../core/access/shopName.ts';
import { AffinityError } from '../../core/errors.ts';
import { applyProductWebhook, PRODUCT_WEBHOOK_TOPICS, type CatalogRegistry, type ProductWebhookTopic } from '../../features/catalog/index.ts';
import type { PrivacyHttpContext } from '../privacyContext.ts';

/** What a topic does with a delivery whose signature was verified (`raw`: the signed bytes). */
type TopicHandler = (raw: Buffer, req: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;

/** The metric label of a delivery whose topic is none this service handles (never the header itself: unbounded). */
const UNKNOWN_TOPIC = 'unknown';

/**
 * Topics Shopify delivers to an app that this service acknowledges without acting on, with a path of
 * their own too (`/webhooks/shopify/app/uninstalled`) and their own metric label. On `app/uninstalled`
 * the shop's data stays until `shop/redact`, which Shopify sends 48 hours later (docs/privacy.md).
 */
const ACKNOWLEDGED_TOPICS = ['app/uninstalled'] as const;

/**
 * Registers the webhook routes in their own scope. With `catalogs`, the product topics
 * (`products/create`, `products/update`, `products/delete`) are served too: each verified delivery is
 * applied to that shop's catalog (`features/catalog/productWebhooks.ts`, docs/decisions/0007).
 */
export function shopifyWebhookRoutes(app: FastifyInstance, ctx: PrivacyHttpContext, catalogs?: CatalogRegistry): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));
    /** Topic -> handler. Another topic is served by adding its entry here (its handler proves its own payload). */
    const TOPIC_HANDLERS: ReadonlyMap<string, TopicHandler> = new Map([
      ...(Object.keys(COMPLIANCE_TOPICS) as ComplianceTopic[]).map((t): [string, TopicHandler] => [t, (raw, req, reply) => compliance(t, raw, req, reply)]),
      ...(catalogs ? PRODUCT_WEBHOOK_TOPICS.map((t): [string, TopicHandler] => [t, (raw, req, reply) => product(catalogs, t, raw, req, reply)]) : []),
    ]);
    const topics = [...TOPIC_HANDLERS.keys()];
    // One URI for all topics (what `compliance_topics` + `uri` in shopify.app.toml gives): the topic
    // comes in the X-Shopify-Topic header. The per-topic paths below work too.
    scope.post('/webhooks/shopify', async (req, reply) => {
      const named = topicOf(header(req, 'x-shopify-topic'), topics);
      const handler = named === undefined ? undefined : TOPIC_HANDLERS.get(named);
      const label = handler || isAcknowledged(named) ? named! : UNKNOWN_TOPIC;
      const raw = signedBody(req, label);
      if (named === undefined) {
        ctx.onWebhook?.(UNKNOWN_TOPIC, 'invalid');
        throw new AffinityError('VALIDATION_FAILED', `A Shopify webhook names its topic in X-Shopify-Topic (${topics.join(', ')} are acted on).`, [
          { path: 'x-shopify-topic', message: 'missing' },
        ]);
      }
      if (!handler) return acknowledge(label, named, reply);
      return handler(raw, req, reply);
    });
    for (const topic of ACKNOWLEDGED_TOPICS) {
      scope.post(`/webhooks/shopify/${topic}`, async (req, reply) => {
        signedBody(req, topic);
        const named = header(req, 'x-shopify-topic');
        if (named !== undefined && named !== topic) {
          ctx.onWebhook?.(topic, 'invalid');
          throw new AffinityError('WEBHOOK_TOPIC_MISMATCH', `This ${topic} webhook names another topic in X-Shopify-Topic (${named}).`, [{ path: 'x-shopify-topic', message: `got ${named}, the path is ${topic}` }]);
        }
        return acknowledge(topic, topic, reply);
      });
    }

    /** A signed delivery of a topic this service does not act on: 200, nothing done (see the module's doc). */
    function acknowledge(label: string, topic: string, reply: FastifyReply) {
      ctx.onWebhook?.(label, 'ignored');
      return reply.status(200).send({ received: true, handled: false, topic: topic.slice(0, 100) });
    }
    // Per-topic paths for the compliance topics (a `uri` per topic in shopify.app.toml works too); the
    // product topics come to the one URI.
    for (const [topic, handler] of TOPIC_HANDLERS) {
      if (!(topic in COMPLIANCE_TOPICS)) continue;
      scope.post(`/webhooks/shopify/${topic}`, async (req, reply) => {
        const raw = signedBody(req, topic);
        // The path names the topic; a header naming another one is a body sent where it does not belong.
        const named = header(req, 'x-shopify-topic');
        if (named !== undefined && named !== topic) {
          ctx.onWebhook?.(topic, 'invalid');
          throw new AffinityError('WEBHOOK_TOPIC_MISMATCH', `This ${topic} webhook names another topic in X-Shopify-Topic (${named}).`, [{ path: 'x-shopify-topic', message: `got ${named}, the path is ${topic}` }]);
        }
        return handler(raw, req, reply);
      });
    }

    /** The raw body when its signature verifies, else 401 (checked before anything else is read). */
    function signedBody(req: FastifyRequest, label: string): Buffer {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const sig = req.headers['x-shopify-hmac-sha256'];
      if (!verifyShopifyHmac(raw, typeof sig === 'string' ? sig : undefined, ctx.webhookSecrets)) {
        ctx.onWebhook?.(label, 'unauthorized');
        throw new AffinityError(
          'WEBHOOK_UNAUTHORIZED',
          ctx.webhookSecrets.length === 0 ? 'No Shopify app secret is configured (SHOPIFY_API_SECRET).' : 'The X-Shopify-Hmac-SHA256 signature does not match.',
        );
      }
      return raw;
    }

    /**
     * A product delivery, signed. A product payload does not name its shop: the shop is the
     * `X-Shopify-Shop-Domain` Shopify sends with it (not signed; the body's product id is the shop's
     * own, and an older change never overwrites a newer one). Every outcome is final, so 200 (a retry
     * would bring the same payload); a store that cannot be written is 503, and Shopify retries.
     */
    async function product(reg: CatalogRegistry, topic: ProductWebhookTopic, raw: Buffer, req: FastifyRequest, reply: FastifyReply) {
      const named = parseShopName(header(req, 'x-shopify-shop-domain'));
      if (!('shop' in named)) {
        ctx.onWebhook?.(topic, 'invalid');
        throw new AffinityError('INVALID_SHOP', `A ${topic} webhook names its shop in X-Shopify-Shop-Domain; that header ${named.problem}.`, [{ path: 'x-shopify-shop-domain', message: named.problem }]);
      }
      let body: unknown;
      try {
        body = parseWebhookJson(raw.toString('utf8'));
      } catch (err) {
        ctx.onWebhook?.(topic, 'invalid');
        throw new AffinityError('INVALID_JSON', `The webhook body is not valid JSON: ${(err as Error).message}`);
      }
      // The body proves its topic, as a compliance body does: a deletion is `{id}`; a whole product
      // (title, handle, variants) sent as products/delete is another topic's signed body.
      if (topic === 'products/delete' && typeof body === 'object' && body !== null && ['title', 'handle', 'variants'].some((k) => k in body)) {
        ctx.onWebhook?.(topic, 'invalid');
        throw new AffinityError('WEBHOOK_TOPIC_MISMATCH', 'A products/delete body is {id}; this one is a whole product (title, handle or variants), the body of another topic.', [
          { path: 'x-shopify-topic', message: 'products/delete, but the body is a product' },
        ]);
      }
      const now = ctx.clock();
      const out = await applyProductWebhook(reg, named.shop, topic, body, { at: header(req, 'x-shopify-triggered-at') ?? now, now });
      ctx.onWebhook?.(topic, out.outcome === 'ignored' ? 'invalid' : 'queued');
      return reply.status(200).send({ received: true, shop: named.shop, ...out });
    }

    /** A compliance delivery, signed: its body proves its topic and becomes one privacy job. */
    async function compliance(topic: ComplianceTopic, raw: Buffer, req: FastifyRequest, reply: FastifyReply) {
      let body: unknown;
      try {
        body = parseWebhookJson(raw.toString('utf8'));
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
      // The body alone (the topic is not signed; the body proved it above).
      const bodySha256 = createHash('sha256').update(raw).digest('hex');
      const webhookId = header(req, 'x-shopify-webhook-id');
      const eventId = header(req, 'x-shopify-event-id');
      const dedupe = deliveryDedupeKeys(topic, bodySha256, { ...(webhookId ? { webhookId } : {}), ...(eventId ? { eventId } : {}) });
      const q = await ctx.queue.enqueue({ id: ctx.newId(), ...r.work, dedupe }, now);
      ctx.onWebhook?.(topic, q.duplicate ? 'duplicate' : 'queued');
      if (!q.duplicate) ctx.onEnqueued?.();
      return reply.status(q.duplicate ? 200 : 202).send({ received: true, jobId: q.id, duplicate: q.duplicate });
    }
  });
}

/**
 * The topic a header names. Shopify sends lower case and underscores; a proxy or a hand-written client
 * may not, and "Customers/Redact" or "customers/data-request" acknowledged as a topic not acted on would
 * drop a redaction: a header that is a handled topic but for case and `-`/`_` names that topic.
 */
function topicOf(named: string | undefined, handled: readonly string[]): string | undefined {
  if (named === undefined || handled.includes(named)) return named;
  const folded = named.toLowerCase().replace(/-/g, '_');
  return handled.find((t) => t === folded) ?? (isAcknowledged(folded) ? folded : named);
}

function isAcknowledged(topic: string | undefined): boolean {
  return (ACKNOWLEDGED_TOPICS as readonly (string | undefined)[]).includes(topic);
}

/** A header's value when it is one non-empty string. */
function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}
