/**
 * What a shopper's consent allows, per market privacy regime. Pure: the ingest gate, the recommender
 * wrapper and the consent endpoint apply these decisions; nothing here stores or deletes anything.
 *
 * Consent flags are Shopify's Customer Privacy API flags (`analyticsProcessingAllowed`,
 * `preferencesProcessingAllowed`, `marketingAllowed`, `saleOfDataAllowed`; docs/shopify.md §2.4), as
 * recorded on events. A flag that was not reported is `undefined`, which means different things per
 * regime:
 *
 * | regime | model   | store events and a profile            | link client id ↔ customer id | share with other parties (external recommender) | merge with other markets |
 * |--------|---------|---------------------------------------|------------------------------|-------------------------------------------------|--------------------------|
 * | `gdpr` | opt-in  | `analytics === true`                  | and `preferences === true`   | and `marketing === true` and sale of data not refused | and `preferences === true` |
 * | `ccpa` | opt-out | unless `analytics === false`          | when stored                  | unless `saleOfData === false`                   | unless `saleOfData === false` |
 * | `none` | opt-out | unless `analytics === false`          | when stored                  | unless `saleOfData === false`                   | when stored              |
 *
 * Without storage the shopper still gets session-only personalization, held in memory for a short
 * time and never written anywhere.
 */
import type { ConsentFlags } from '../events/userEvent.ts';

/** The privacy regimes a market can be under. */
export const PRIVACY_REGIMES = ['gdpr', 'ccpa', 'none'] as const;
export type PrivacyRegime = (typeof PRIVACY_REGIMES)[number];

/** A shopper's situation: the regime of the market they shop in and the consent they gave. */
export interface ConsentContext {
  readonly regime: PrivacyRegime;
  readonly consent?: ConsentFlags;
}

/** What may be done with a shopper's data in one context. */
export interface ConsentDecision {
  /** Events and a profile may be stored (else: session-only memory). */
  readonly persist: boolean;
  /** An anonymous client id may be linked to a customer id (and the customer id kept on events). */
  readonly linkIdentity: boolean;
  /** The user id may be given to other parties (the shop's external recommender). */
  readonly shareWithThirdParties: boolean;
  /** Behaviour here may be merged with behaviour in other markets into one profile. */
  readonly consolidate: boolean;
}

/** Decides what a context allows. */
export function decideConsent(ctx: ConsentContext): ConsentDecision {
  const c = ctx.consent ?? {};
  switch (ctx.regime) {
    case 'gdpr': {
      const persist = c.analytics === true;
      return {
        persist,
        linkIdentity: persist && c.preferences === true,
        shareWithThirdParties: persist && c.marketing === true && c.saleOfData !== false,
        consolidate: persist && c.preferences === true,
      };
    }
    case 'ccpa': {
      const persist = c.analytics !== false;
      return { persist, linkIdentity: persist, shareWithThirdParties: persist && c.saleOfData !== false, consolidate: persist && c.saleOfData !== false };
    }
    case 'none': {
      const persist = c.analytics !== false;
      return { persist, linkIdentity: persist, shareWithThirdParties: persist && c.saleOfData !== false, consolidate: persist };
    }
  }
}

/**
 * Whether behaviour in two markets may be merged into one view of the shopper: only where both
 * markets' rules and the consent given in each allow it (each side must allow its data to leave its
 * market). Symmetric.
 */
export function canConsolidate(a: ConsentContext, b: ConsentContext): boolean {
  return decideConsent(a).consolidate && decideConsent(b).consolidate;
}

/** Whether consent to analytics was explicitly withdrawn (the trigger for deleting what is stored). */
export function isWithdrawal(consent: ConsentFlags | undefined): boolean {
  return consent?.analytics === false;
}

/** Separator of a market-scoped user id (`<userId>@<market>`): behaviour that may not be merged. */
export const MARKET_SCOPE_SEPARATOR = '@';

/**
 * The id a user's behaviour is stored under in a market: the plain id where it may be merged with
 * other markets, else `<userId>@<market handle>`, a profile of its own that nothing else reads.
 */
export function storageUserId(userId: string, marketHandle: string, decision: ConsentDecision): string {
  return decision.consolidate ? userId : `${userId}${MARKET_SCOPE_SEPARATOR}${marketHandle}`;
}

/** Whether `id` is one of `userId`'s market-scoped ids (`<userId>@<market handle>`, a handle has no `@`). */
export function isMarketScopedIdOf(id: string, userId: string): boolean {
  const prefix = `${userId}${MARKET_SCOPE_SEPARATOR}`;
  return id.length > prefix.length && id.startsWith(prefix) && !id.slice(prefix.length).includes(MARKET_SCOPE_SEPARATOR);
}
