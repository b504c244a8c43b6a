/**
 * Consent:
 * - `POST /v1/consent {clientId | customerId | userId, consent, market?, country?, shop?}`: the
 *   shopper's current consent (Shopify Customer Privacy flags, `analyticsProcessingAllowed`… or the
 *   short `analytics`… names). A withdrawal of analytics consent queues the erasure of what is stored
 *   about the id (202 with the job id); the answer also says what the consent allows in the market.
 * - (The consent signals of a `POST /v1/events` batch are recorded by the ingest use case,
 *   `features/ingest/recordEvents.ts`, once the batch is valid.)
 *
 * A storefront pixel (keyless, with an `Origin`) may withdraw consent only for a pixel client id:
 * never a `customerId`, nor an id that is not a pixel client id (403 `PIXEL_CONSENT_FORBIDDEN`, see
 * `core/privacy/pixelConsentScope.ts`). A customer's consent is withdrawn with an ingest key.
 */
import { IdStringSchema, refineShopperId, shopperIdOf } from '../../core/ids.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AffinityError } from '../../core/errors.ts';
import { toConsentFlags } from '../../core/privacy/consentSignals.ts';
import { parseBody } from '../parse.ts';
import type { PrivacyHttpContext } from '../privacyContext.ts';
import { isPixelRequest } from '../requestGuard.ts';
import { CountryCode, isCountryCode } from '../../core/countryCode.ts';

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
    clientId: IdStringSchema.superRefine(refineShopperId).optional().describe('The Shopify pixel clientId (what a storefront request names).'),
    customerId: IdStringSchema.superRefine(refineShopperId).optional().describe('A customer id (server to server only: needs an ingest key).'),
    userId: IdStringSchema.superRefine(refineShopperId).optional().describe('Your user id, or a pixel clientId (earlier form of clientId).'),
    consent: Flags,
    market: z.string().min(1).max(100).optional().describe('Market handle ("eu") or country ("DE").'),
    country: CountryCode.optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const named = [b.clientId, b.customerId, b.userId].filter((x) => x !== undefined).length;
    if (named !== 1) ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'Name exactly one of clientId, customerId, userId.' });
  });

export function consentRoutes(app: FastifyInstance, ctx: PrivacyHttpContext): void {
  app.post('/v1/consent', async (req, reply) => {
    const body = parseBody(ConsentRequestSchema, req.body);
    // A market the configuration does not know would be taken as the default one, and its privacy
    // regime with it ("eu1" read as the US under CCPA: persist allowed). A country code may be any
    // that names a country (an unconfigured country is the default market's, as on every route).
    const market = body.market?.trim();
    if (market && !ctx.markets.byHandle(market) && !isCountryCode(market)) {
      const known = ctx.markets.all().map((m) => m.handle).join(', ');
      throw new AffinityError('VALIDATION_FAILED', `market: "${market.slice(0, 100)}" is no configured market (${known}) and no ISO country code; the privacy rules of a consent depend on it.`, [{ path: 'market', message: 'unknown market' }]);
    }
    const shop = req.tenant;
    const pixel = isPixelRequest(req);
    if (pixel && body.customerId !== undefined) {
      throw new AffinityError('PIXEL_CONSENT_FORBIDDEN', 'A storefront request may name only its own pixel clientId, never a customerId. Send a customer\'s consent server to server, with an ingest key.', [
        { path: 'customerId', message: 'not allowed without an API key' },
      ]);
    }
    // A customer named by GID is the numeric id their events are stored under (`shopperIdOf`).
    const userId = shopperIdOf((body.clientId ?? body.customerId ?? body.userId) as string);
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
