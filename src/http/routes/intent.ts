/**
 * `POST /v1/intent`: classifies a shopper utterance (English or Spanish) into a shopping intent with a
 * calibrated confidence, and extracts entities matched against the shop's own catalog vocabulary.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { shopCurrency } from '../../core/attribution/reportCurrency.ts';
import { ShopVocabularyCache } from '../../features/catalog/index.ts';
import type { IntentClassifier } from '../../core/intent/classifier.ts';
import type { AppContext } from '../context.ts';
import { parseBody } from '../parse.ts';

/** Body of an intent request. */
export const IntentRequestSchema = z
  .object({
    text: z.string().min(1).max(2000).describe('What the shopper wrote (English or Spanish; the language is detected).'),
    market: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe('ISO 3166 market (e.g. "MX") or ISO 4217 currency (e.g. "MXN") used to resolve an ambiguous "$"; other values are ignored. Default: the currency the shop\'s catalog is priced in.'),
    shop: z.string().min(1).max(255).optional(),
  })
  .strict();

/** The context the intent route needs: the app context plus the trained classifier. */
export type IntentRouteContext = AppContext & { readonly intent: IntentClassifier };

/** Registers `POST /v1/intent`. */
export function intentRoutes(app: FastifyInstance, ctx: IntentRouteContext): void {
  const vocabularies = new ShopVocabularyCache();
  app.post('/v1/intent', async (req) => {
    const body = parseBody(IntentRequestSchema, req.body);
    const shop = req.tenant;
    const taxonomy = vocabularies.get(shop, ctx.catalogs.get(shop).index);
    // Without a market, a bare "$" or "40 lucas" is read in the shop's own currency, as recommendations read it.
    const currencyHint = body.market ?? shopCurrency(ctx.catalogs.get(shop).index.all());
    const r = ctx.intent.classify(body.text, {
      ...(taxonomy ? { taxonomy } : {}),
      ...(currencyHint ? { currencyHint } : {}),
    });
    return {
      type: r.type,
      confidence: Number(r.confidence.toFixed(4)),
      language: r.language,
      entities: r.entities,
    };
  });
}
