/**
 * Consent:
 * - `POST /v1/consent {clientId | customerId | userId, consent, market?, country?, shop?}`: the
 *   shopper's current consent (Shopify Customer Privacy flags, `analyticsProcessingAllowed`… or the
 *   short `analytics`… names). A withdrawal of analytics consent queues the erasure of what is stored
 *   about the id (202 with the job id); the answer also says what the consent allows in the market.
 * - A hook on `POST /v1/events` that reads consent signals before the events are gated: the
 *   envelope's `consent` (applies to every client id of the batch) and `visitorConsentCollected`
 *   events (`customerPrivacy` in the event or its `data`).
 *
 * A storefront pixel (keyless, with an `Origin`) may withdraw consent only for a pixel client id:
 * never a `customerId`, nor an id that is not a pixel client id (403 `PIXEL_CONSENT_FORBIDDEN`, see
 * `core/privacy/pixelConsentScope.ts`). A customer's consent is withdrawn with an ingest key.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AffinityError } from '../../core/errors.ts';
import type { ConsentFlags } from '../../core/events/userEvent.ts';
import { parseBody } from '../parse.ts';
import type { PrivacyHttpContext } from '../privacyContext.ts';
import { tenantOf } from '../tenant.ts';

const Flags = z
  .object({
    analyticsProcessingAllowed: z.boolean().optional(),
    marketingAllowed: z.boolean().optional(),
    preferencesProcessingAllowed: z.boolean().optional(),
    saleOfDataAllowed: z.boolean().optional(),
    analytics: z.boolean().optional(),
    marketing: z.boolean().optional(),
    preferences: z.boolean().optional(),
    saleOfData: z.boolean().optional(),
  })
  .strict();

/** Body of `POST /v1/consent`: exactly one of `clientId`, `customerId`, `userId`. */
export const ConsentRequestSchema = z
  .object({
    shop: z.string().min(1).max(255).optional(),
    clientId: z.string().min(1).max(200).optional().describe('The Shopify pixel clientId (what a storefront request names).'),
    customerId: z.string().min(1).max(200).optional().describe('A customer id (server to server only: needs an ingest key).'),
    userId: z.string().min(1).max(200).optional().describe('Your user id, or a pixel clientId (earlier form of clientId).'),
    consent: Flags,
    market: z.string().min(1).max(100).optional().describe('Market handle ("eu") or country ("DE").'),
    country: z.string().regex(/^[A-Za-z]{2}$/).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const named = [b.clientId, b.customerId, b.userId].filter((x) => x !== undefined).length;
    if (named !== 1) ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'Name exactly one of clientId, customerId, userId.' });
  });

/**
 * Whether a request comes from a storefront (a pixel, or anything else without a secret) rather than
 * a server: what the access hook decided (`req.principal`: only a key or the open development mode
 * count as a server) when it ran, else the documented rule (an `Origin` header and no API key).
 */
export function isPixelRequest(req: FastifyRequest): boolean {
  const kind = (req as { principal?: { kind?: unknown } | null }).principal?.kind;
  if (kind === 'key' || kind === 'open') return false;
  if (typeof kind === 'string') return true;
  // A key as the guard reads one: `Authorization: Bearer <key>` or a non-empty `X-Affinity-Key`.
  const auth = req.headers.authorization;
  const key = req.headers['x-affinity-key'];
  const hasKey = (typeof auth === 'string' && /^Bearer\s+\S/i.test(auth.trim())) || (typeof key === 'string' && key.length > 0);
  return typeof req.headers.origin === 'string' && !hasKey;
}

/** Customer Privacy flags (either naming) as Affinity's consent flags. */
export function toConsentFlags(c: Record<string, unknown>): ConsentFlags {
  const pick = (long: string, short: string): boolean | undefined => {
    const v = c[long] ?? c[short];
    return typeof v === 'boolean' ? v : undefined;
  };
  const analytics = pick('analyticsProcessingAllowed', 'analytics');
  const marketing = pick('marketingAllowed', 'marketing');
  const preferences = pick('preferencesProcessingAllowed', 'preferences');
  const saleOfData = pick('saleOfDataAllowed', 'saleOfData');
  return {
    ...(analytics !== undefined ? { analytics } : {}),
    ...(marketing !== undefined ? { marketing } : {}),
    ...(preferences !== undefined ? { preferences } : {}),
    ...(saleOfData !== undefined ? { saleOfData } : {}),
  };
}

/** Names of pixel consent events. */
const CONSENT_EVENTS = new Set(['visitorConsentCollected', 'visitor_consent_collected']);

/** Consent signals in an events body: (userId, consent) pairs plus the envelope's market hints. */
export function consentSignals(body: unknown): { signals: { userId: string; consent: ConsentFlags }[]; market?: string; country?: string } {
  const signals: { userId: string; consent: ConsentFlags }[] = [];
  if (!body || typeof body !== 'object') return { signals };
  const env = Array.isArray(body) ? undefined : (body as Record<string, unknown>);
  const events: unknown[] = Array.isArray(body) ? body : Array.isArray(env?.events) ? (env.events as unknown[]) : [body];
  const envConsent = env && env.consent && typeof env.consent === 'object' ? toConsentFlags(env.consent as Record<string, unknown>) : undefined;
  const seen = new Set<string>();
  for (const e of events) {
    if (!e || typeof e !== 'object') continue;
    const o = e as Record<string, unknown>;
    const userId = typeof o.clientId === 'string' ? o.clientId : typeof o.userId === 'string' ? o.userId : undefined;
    if (!userId) continue;
    const data = o.data && typeof o.data === 'object' ? (o.data as Record<string, unknown>) : undefined;
    const cp = (o.customerPrivacy ?? data?.customerPrivacy) as Record<string, unknown> | undefined;
    if (typeof o.name === 'string' && CONSENT_EVENTS.has(o.name) && cp && typeof cp === 'object') {
      signals.push({ userId, consent: toConsentFlags(cp) });
      seen.add(userId);
    } else if (envConsent && !seen.has(userId)) {
      signals.push({ userId, consent: envConsent });
      seen.add(userId);
    }
  }
  return {
    signals,
    ...(typeof env?.market === 'string' ? { market: env.market } : {}),
    ...(typeof env?.country === 'string' ? { country: env.country } : {}),
  };
}

export function consentRoutes(app: FastifyInstance, ctx: PrivacyHttpContext): void {
  app.post('/v1/consent', async (req, reply) => {
    const body = parseBody(ConsentRequestSchema, req.body);
    const shop = tenantOf(req, ctx.defaultShop);
    const pixel = isPixelRequest(req);
    if (pixel && body.customerId !== undefined) {
      throw new AffinityError('PIXEL_CONSENT_FORBIDDEN', 'A storefront request may name only its own pixel clientId, never a customerId. Send a customer\'s consent server to server, with an ingest key.', [
        { path: 'customerId', message: 'not allowed without an API key' },
      ]);
    }
    const userId = (body.clientId ?? body.customerId ?? body.userId) as string;
    const out = await ctx.gate.recordConsent(
      shop,
      userId,
      toConsentFlags(body.consent),
      { ...(body.market ? { market: body.market } : {}), ...(body.country ? { country: body.country } : {}) },
      { via: pixel ? 'pixel' : 'server' },
    );
    return reply.status(out.erasureJobId ? 202 : 200).send({
      shop,
      userId,
      market: out.market,
      regime: out.regime,
      allows: out.decision,
      erasure: out.erasureJobId ? { jobId: out.erasureJobId, status: 'queued' } : null,
    });
  });
}

/** Reads consent signals of `POST /v1/events` before the events themselves are gated and stored. */
export async function onEventsConsent(req: FastifyRequest, ctx: PrivacyHttpContext): Promise<void> {
  const { signals, market, country } = consentSignals(req.body);
  if (signals.length === 0) return;
  const shop = tenantOf(req, ctx.defaultShop);
  const source = { via: isPixelRequest(req) ? ('pixel' as const) : ('server' as const) };
  for (const s of signals) {
    await ctx.gate.recordConsent(shop, s.userId, s.consent, { ...(market ? { market } : {}), ...(country ? { country } : {}) }, source);
  }
}
