/**
 * Experiment analytics from served lists and their outcomes: exact counts per group (variant, surface,
 * intent type, market or agent), rates with 95 % intervals and, per variant, the uplift against the
 * first (control) variant and the sample-ratio-mismatch check. Pure.
 *
 * Definitions: `served` lists; `viewed` lists with a view; `clicks` distinct (list, product) clicks on
 * a product of that list; `addToCarts` attributed cart lines of a product of that list; `orders`
 * distinct orders with an attributed line of a product of that list, whatever their currency; `revenue` the attributed order lines (minor units of
 * `currency`, the shop's own currency, reportCurrency.ts; only when the caller does not know it, the
 * currency most lines are in); `influenced` the other lines of those orders (the order's unattributed
 * rest, credited once per order to the list clicked last, outcomes.ts). A line in another currency is
 * summed converted when the configured markets give a rate (an estimate, `orderLines.converted`), else
 * kept apart per currency in the group's `orderLines.notSummed` (orderAmounts.ts); either way its
 * order counts as an order, a conversion and in the uplift. An order reported twice (the pixel and a keyed server) counts once, the
 * keyed report's lines (orderReports.ts). Click-through = lists clicked / served, conversion =
 * lists with an attributed order line / served, revenue per served list = revenue / served.
 *
 * The unit of randomization is the shopper (shopperUnits.ts): per group, `shoppers` counts distinct
 * shoppers served, who clicked and who ordered, with per-shopper rates (and their uplift), whose
 * intervals stay honest when shoppers see many lists; the sample-ratio check counts shoppers. By
 * variant, a shopper served two variants (their identity was linked mid-experiment) counts once, under
 * the variant of their first list in the period, with all their lists (`shoppers.switched`,
 * `reassignedLists` say how many). A failed request's list (never shown) is a guardrail only: it sets no
 * first variant and counts in neither.
 *
 * A storefront list served to a known shopper counts that shopper's outcomes only; other visitors who
 * followed one of its links (a shared or posted link) are counted apart, in `viaSharedLinks`
 * (sharedLinks.ts). Agent and anonymous lists count whoever followed their links.
 *
 * The dashboard's Preview lists are in no figure (previewLists.ts): only `previewLists` counts them.
 * Groups other than variants can share an order (an order with lines from a product-page list and a
 * cart list is an order of both surfaces) and a shopper: `totals` counts each once.
 */
import type { Experiment } from './experiments.ts';
import { GuardrailAcc, type Guardrails } from './guardrails.ts';
import { lineAmounts, OrderAmountsAcc, type ExchangeRate, type OrderLineAmounts } from './orderAmounts.ts';
import { onePerOrder } from './orderReports.ts';
import { isPreviewList } from './previewLists.ts';
import type { Outcome, ServedList } from './servedList.ts';
import { ownShopperTest } from './sharedLinks.ts';
import { firstVariants, shopperUnits, unitInExperiment } from './shopperUnits.ts';
import { diffMeans, diffProportions, meanEstimate, moments, proportion, sampleRatio, type Difference, type Estimate, type SampleRatio } from './stats.ts';

export const ANALYTICS_DIMENSIONS = ['variant', 'surface', 'intent', 'market', 'agent'] as const;
export type AnalyticsDimension = (typeof ANALYTICS_DIMENSIONS)[number];

/** The figures of one group. */
export interface GroupStats {
  readonly key: string;
  readonly served: number;
  readonly viewed: number;
  /**
   * Of `served`, the lists an AI agent asked for: nothing reports when a shopper saw one (an agent does
   * not publish a view as the storefront block does), so `viewed` counts the other lists only.
   */
  readonly agentLists: number;
  readonly clicks: number;
  readonly addToCarts: number;
  readonly orders: number;
  readonly revenue: number;
  readonly influenced: number;
  /** How the group's order lines entered `revenue`/`influenced`: summed, converted at a market rate (estimated), or not summed (per currency). */
  readonly orderLines: OrderLineAmounts;
  readonly clickThroughRate: Estimate;
  readonly conversionRate: Estimate;
  readonly revenuePerServed: Estimate;
  /** Latency and failures (guardrails.ts): an uplift only counts if these did not get worse. */
  readonly guardrails: Guardrails;
  /** Distinct shoppers (units of randomization) of the group. */
  readonly shoppers: ShopperStats;
  /** Outcomes of other visitors through links of the group's storefront lists served to a known shopper: in none of the figures above. */
  readonly viaSharedLinks: SharedLinkStats;
  /** Variant grouping: lists counted here although another variant served them (their shopper's first variant is this one). */
  readonly reassignedLists?: number;
  /** Against the first variant (variant grouping, not on the first). */
  readonly uplift?: {
    readonly clickThroughRate: Difference;
    readonly conversionRate: Difference;
    readonly revenuePerServed: Difference;
    /** Per shopper: shoppers who clicked / shoppers served. */
    readonly shopperClickRate: Difference;
    /** Per shopper: shoppers with an attributed order / shoppers served. */
    readonly shopperConversionRate: Difference;
  };
}

/** Shoppers of a group: served at least one list, clicked one, had an attributed order line. */
export interface ShopperStats {
  readonly served: number;
  readonly clicked: number;
  readonly ordered: number;
  readonly clickRate: Estimate;
  readonly conversionRate: Estimate;
  /** Variant grouping: shoppers counted here who were also served another variant (identity linked mid-experiment). */
  readonly switched?: number;
}

/** What other visitors did through a list's shared links: distinct clicks, cart lines, distinct orders and their attributed revenue (the report's currency, or converted at a configured rate; other amounts are left out). */
export interface SharedLinkStats {
  readonly clicks: number;
  readonly addToCarts: number;
  readonly orders: number;
  readonly revenue: number;
}

/**
 * The report's figures once each: an order with lines from lists of several groups (by surface: a
 * product-page list and a cart list) is in each group's `orders`, and a shopper served in several
 * groups is in each group's `shoppers`, so those columns do not add up; here they count once.
 * Served, viewed, clicks, cart lines, revenue and influenced add up across groups (a list is in one
 * group, an order line is attributed to one list, an order's influenced rest to one list).
 */
export interface ReportTotals {
  readonly served: number;
  readonly viewed: number;
  /** Of `served`, the lists agents asked for (no view of them is ever reported). */
  readonly agentLists: number;
  readonly clicks: number;
  readonly addToCarts: number;
  /** Distinct orders with an attributed line, across groups. */
  readonly orders: number;
  readonly revenue: number;
  readonly influenced: number;
  /** Distinct shoppers served, across groups. */
  readonly shoppers: number;
}

export interface AnalyticsReport {
  readonly by: AnalyticsDimension;
  readonly currency: string | null;
  /** Order lines in other currencies that no configured rate converts: not in any `revenue` (each group's `orderLines.notSummed` says which). */
  readonly otherCurrencyLines: number;
  /** Order lines in other currencies summed converted at a configured market rate (those amounts are estimates). */
  readonly convertedLines: number;
  /** The rates used, units of `currency` per unit of each other currency (configured markets). */
  readonly exchangeRates: Readonly<Record<string, number>>;
  /** Lists the dashboard's Preview asked for in the period: in no figure (previewLists.ts). */
  readonly previewLists: number;
  readonly groups: readonly GroupStats[];
  readonly totals: ReportTotals;
  readonly sampleRatio?: SampleRatio;
}

/** Options of {@link analyticsReport}. */
export interface AnalyticsOptions {
  /** Exchange rates of the configured markets (`marketRates`): other-currency lines are summed converted, as estimates. */
  readonly rate?: ExchangeRate;
}

interface Acc {
  served: number;
  agentLists: number;
  viewed: Set<string>;
  clicks: Set<string>;
  clickedLists: Set<string>;
  carts: number;
  orders: Set<string>;
  orderLists: Set<string>;
  revenueByList: Map<string, number>;
  influenced: number;
  amounts: OrderAmountsAcc;
  guard: GuardrailAcc;
  units: Set<string>;
  clickedUnits: Set<string>;
  orderedUnits: Set<string>;
  switched: Set<string>;
  reassigned: number;
  shared: { clicks: Set<string>; carts: number; orders: Set<string>; revenue: number };
}

/** The currency most attributed order lines are in (the report's only when the shop's is not known). */
function mostCommonCurrency(outcomes: readonly Outcome[], lists: ReadonlyMap<string, ServedList>): string | null {
  const currencies = new Map<string, number>();
  for (const o of outcomes) if (o.kind === 'order' && o.currency && lists.has(o.recId)) currencies.set(o.currency, (currencies.get(o.currency) ?? 0) + 1);
  return [...currencies].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

function keyOf(l: ServedList, by: AnalyticsDimension, firstVariant: (l: ServedList) => string | undefined): string {
  switch (by) {
    case 'variant':
      return l.experiment ? (firstVariant(l) ?? l.experiment.variant) : '(none)';
    case 'surface':
      return l.surface;
    case 'intent':
      return l.intent ?? '(none)';
    case 'market':
      return l.market ?? '(none)';
    case 'agent':
      return l.agent ?? (l.actor === 'human' ? '(human)' : '(agent)');
  }
}

/**
 * Builds the report. `experiment` (when given) orders the variants and supplies the weights.
 * `shopCurrency`: the shop's own currency (its catalog's, reportCurrency.ts), which revenue is
 * reported in; a shop selling more abroad than at home still sees its home revenue. `linked`: the
 * ids the store links to each id `idsToLink` (sharedLinks.ts) named, which tell a shopper's other
 * devices from other visitors. `opts.rate`: the configured markets' exchange rates.
 */
export function analyticsReport(
  allServed: readonly ServedList[],
  outcomes: readonly Outcome[],
  by: AnalyticsDimension,
  experiment?: Experiment,
  shopCurrency?: string,
  linked: ReadonlyMap<string, ReadonlySet<string>> = new Map(),
  opts: AnalyticsOptions = {},
): AnalyticsReport {
  // Nobody was shown a Preview list: it counts nowhere, not even toward its shopper's variant.
  const served = allServed.filter((l) => !isPreviewList(l));
  const previewLists = allServed.length - served.length;
  const lists = new Map(served.map((l) => [l.id, l]));
  const unitOf = shopperUnits(served);
  const unitOfUser = new Map<string, string>();
  for (const l of served) for (const id of [l.userId, l.shopperKey]) if (id !== undefined) unitOfUser.set(id, unitOf.get(l.id) as string);
  const isOwnShopper = ownShopperTest(linked, unitOfUser, unitOf);
  const { first, switched } = firstVariants(served, unitOf);
  const inExp = (l: ServedList) => unitInExperiment(l.experiment?.id ?? '', unitOf.get(l.id) as string);
  const groupOf = (l: ServedList) => keyOf(l, by, (x) => first.get(inExp(x)));
  const groups = new Map<string, Acc>();
  const accOf = (k: string): Acc => {
    let a = groups.get(k);
    if (!a) {
      a = {
        served: 0,
        agentLists: 0,
        viewed: new Set(),
        clicks: new Set(),
        clickedLists: new Set(),
        carts: 0,
        orders: new Set(),
        orderLists: new Set(),
        revenueByList: new Map(),
        influenced: 0,
        amounts: new OrderAmountsAcc(),
        guard: new GuardrailAcc(),
        units: new Set(),
        clickedUnits: new Set(),
        orderedUnits: new Set(),
        switched: new Set(),
        reassigned: 0,
        shared: { clicks: new Set(), carts: 0, orders: new Set(), revenue: 0 },
      };
      groups.set(k, a);
    }
    return a;
  };
  if (by === 'variant' && experiment) for (const v of experiment.variants) accOf(v.name);
  for (const l of served) {
    const k = groupOf(l);
    const a = accOf(k);
    a.guard.add(l);
    // A failed request's list was never shown: a guardrail, not a served list (nor a reassigned one).
    if (l.status === 'error') continue;
    const unit = unitOf.get(l.id) as string;
    if (by === 'variant' && l.experiment && l.experiment.variant !== k) a.reassigned += 1;
    if (by === 'variant' && switched.has(inExp(l))) a.switched.add(unit);
    a.served += 1;
    if (l.actor === 'agent') a.agentLists += 1;
    a.units.add(unit);
  }
  const currency = shopCurrency?.toUpperCase() ?? mostCommonCurrency(outcomes, lists);
  let otherCurrencyLines = 0;
  let convertedLines = 0;
  const ratesUsed: Record<string, number> = {};
  const allOrders = new Set<string>();
  // An order the pixel and a keyed server both reported counts once (orderReports.ts).
  for (const o of onePerOrder(outcomes)) {
    const l = lists.get(o.recId);
    if (!l) continue;
    // A click, cart line or order line counts for a list only for a product of that list (a landing with
    // `aff_rec` on another product is no click on the list, and what is bought after it is not the list's).
    if (o.kind !== 'view' && !(o.productId !== undefined && l.items.includes(o.productId))) continue;
    const a = accOf(groupOf(l));
    if (!isOwnShopper(l, o.userId)) {
      addShared(a.shared, o, l, currency, opts.rate);
      continue;
    }
    const unit = unitOf.get(l.id) as string;
    switch (o.kind) {
      case 'view':
        a.viewed.add(l.id);
        break;
      case 'click':
        a.clicks.add(`${l.id}\u0000${o.productId}`);
        a.clickedLists.add(l.id);
        a.clickedUnits.add(unit);
        break;
      case 'cart':
        a.carts += 1;
        break;
      case 'order':
        // An order is an order in any currency (orders, conversion, experiment uplift); only its
        // amounts (the line, the influenced rest) cannot be added to the report's currency: an other-currency line.
        a.orders.add(o.orderId ?? o.key);
        allOrders.add(o.orderId ?? o.key);
        a.orderLists.add(l.id);
        a.orderedUnits.add(unit);
        {
          // Both amounts are money in the order's currency: summed in the report's, converted at a
          // configured rate if need be, else kept apart in their own (orderAmounts.ts).
          const m = lineAmounts(o, currency, opts.rate);
          if ('currency' in m) {
            otherCurrencyLines += 1;
            a.amounts.notSummed(o, m.currency, o.orderId ?? o.key);
          } else {
            a.amounts.summed(m.converted);
            if (m.converted) {
              convertedLines += 1;
              ratesUsed[(o.currency as string).toUpperCase()] = m.rate as number;
            }
            a.revenueByList.set(l.id, (a.revenueByList.get(l.id) ?? 0) + m.amount);
            a.influenced += m.influenced;
          }
        }
        break;
    }
  }
  const keys = [...groups.keys()];
  const order = by === 'variant' && experiment ? experiment.variants.map((v) => v.name) : [];
  keys.sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    if (ia !== ib) return (ia < 0 ? 1e9 : ia) - (ib < 0 ? 1e9 : ib);
    return a.localeCompare(b);
  });
  const mom = (a: Acc) => moments([...a.revenueByList.values()], a.served);
  const control = by === 'variant' && experiment ? groups.get(experiment.variants[0]?.name ?? '') : undefined;
  const out: GroupStats[] = keys.map((k) => {
    const a = groups.get(k) as Acc;
    const revenue = [...a.revenueByList.values()].reduce((s, x) => s + x, 0);
    const stats: GroupStats = {
      key: k,
      served: a.served,
      agentLists: a.agentLists,
      viewed: a.viewed.size,
      clicks: a.clicks.size,
      addToCarts: a.carts,
      orders: a.orders.size,
      revenue,
      influenced: a.influenced,
      orderLines: a.amounts.result(),
      clickThroughRate: proportion(a.clickedLists.size, a.served),
      conversionRate: proportion(a.orderLists.size, a.served),
      revenuePerServed: meanEstimate(mom(a)),
      guardrails: a.guard.result(),
      shoppers: {
        served: a.units.size,
        clicked: a.clickedUnits.size,
        ordered: a.orderedUnits.size,
        clickRate: proportion(a.clickedUnits.size, a.units.size),
        conversionRate: proportion(a.orderedUnits.size, a.units.size),
        ...(by === 'variant' ? { switched: a.switched.size } : {}),
      },
      ...(by === 'variant' ? { reassignedLists: a.reassigned } : {}),
      viaSharedLinks: { clicks: a.shared.clicks.size, addToCarts: a.shared.carts, orders: a.shared.orders.size, revenue: a.shared.revenue },
    };
    if (!control || a === control) return stats;
    return {
      ...stats,
      uplift: {
        clickThroughRate: diffProportions(a.clickedLists.size, a.served, control.clickedLists.size, control.served),
        conversionRate: diffProportions(a.orderLists.size, a.served, control.orderLists.size, control.served),
        revenuePerServed: diffMeans(mom(a), mom(control)),
        shopperClickRate: diffProportions(a.clickedUnits.size, a.units.size, control.clickedUnits.size, control.units.size),
        shopperConversionRate: diffProportions(a.orderedUnits.size, a.units.size, control.orderedUnits.size, control.units.size),
      },
    };
  });
  // Shoppers, not lists, are what is assigned to variants: a shopper who sees m lists would multiply
  // the chi-square by m and raise false alarms. Each shopper counts once, under their first variant.
  const srm =
    by === 'variant' && experiment
      ? sampleRatio(
          experiment.variants.map((v) => groups.get(v.name)?.units.size ?? 0),
          experiment.variants.map((v) => v.weight),
        )
      : undefined;
  const sum = (f: (g: GroupStats) => number) => out.reduce((s, g) => s + f(g), 0);
  const shoppers = new Set<string>();
  for (const a of groups.values()) for (const u of a.units) shoppers.add(u);
  const totals: ReportTotals = {
    served: sum((g) => g.served),
    viewed: sum((g) => g.viewed),
    agentLists: sum((g) => g.agentLists),
    clicks: sum((g) => g.clicks),
    addToCarts: sum((g) => g.addToCarts),
    orders: allOrders.size,
    revenue: sum((g) => g.revenue),
    influenced: sum((g) => g.influenced),
    shoppers: shoppers.size,
  };
  return { by, currency, otherCurrencyLines, convertedLines, exchangeRates: ratesUsed, previewLists, groups: out, totals, ...(srm ? { sampleRatio: srm } : {}) };
}

/** Counts another visitor's outcome of a product of a list (its views are not counted: the list was not shown to them). */
function addShared(acc: Acc['shared'], o: Outcome, l: ServedList, currency: string | null, rate?: ExchangeRate): void {
  if (o.kind === 'click') acc.clicks.add(`${l.id}\u0000${o.userId}\u0000${o.productId}`);
  else if (o.kind === 'cart') acc.carts += 1;
  else if (o.kind === 'order') {
    acc.orders.add(o.orderId ?? o.key);
    const m = lineAmounts(o, currency, rate);
    if (!('currency' in m)) acc.revenue += m.amount;
  }
}
