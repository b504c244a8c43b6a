/**
 * Consent:
 * - `POST /v1/consent {userId, consent, market?, country?, shop?}`: the shopper's current consent
 *   (Shopify Customer Privacy flags, `analyticsProcessingAllowed`… or the short `analytics`… names).
 *   A withdrawal of analytics consent queues the erasure of what is stored about the id (202 with the
 *   job id); the answer also says what the consent allows in the market.
 * - A hook on `POST /v1/events` that reads consent signals before the events are gated: the
 *   envelope's `consent` (applies to every client id of the batch) and `visitorConsentCollected`
 *   events (`customerPrivacy` in the event or its `data`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
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

/** Body of `POST /v1/consent`. */
export const ConsentRequestSchema = z
  .object({
    shop: z.string().min(1).max(255).optional(),
    userId: z.string().min(1).max(200).describe('Pixel clientId or your user id.'),
    consent: Flags,
    market: z.string().min(1).max(100).optional().describe('Market handle ("eu") or country ("DE").'),
    country: z.string().regex(/^[A-Za-z]{2}$/).optional(),
  })
  .strict();

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
    const out = await ctx.gate.recordConsent(shop, body.userId, toConsentFlags(body.consent), {
      ...(body.market ? { market: body.market } : {}),
      ...(body.country ? { country: body.country } : {}),
    });
    return reply.status(out.erasureJobId ? 202 : 200).send({
      shop,
      userId: body.userId,
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
  for (const s of signals) {
    await ctx.gate.recordConsent(shop, s.userId, s.consent, { ...(market ? { market } : {}), ...(country ? { country } : {}) });
  }
}
