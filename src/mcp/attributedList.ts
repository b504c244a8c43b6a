/**
 * Making an MCP answer attributable (docs/decisions/0002): the `recommendation_id` and `experiment`
 * fields, item links carrying `aff_rec=<id>` (the link the agent gives the shopper), and the record of
 * the served list (surface `mcp`, actor `agent`, the agent's name from `initialize`).
 */
import { z } from 'zod';
import type { ListStart } from '../features/analytics/index.ts';
import { recommendationUrl, type ServedList } from '../core/attribution/servedList.ts';
import type { IntentWant } from '../core/quality/listQuality.ts';
import type { ShopperMarket } from '../core/markets/shopperMarket.ts';
import type { ToolEnv } from './tool.ts';

/** Output fields of an attributable answer. */
export const AttributionOutShape = {
  recommendation_id: z
    .string()
    .optional()
    .describe("This list's id. Item urls carry it as aff_rec, so clicks and orders are attributed to this list; pass it on if you build links yourself."),
  experiment: z.object({ id: z.string(), variant: z.string() }).optional().describe("The shopper's experiment variant, when an experiment applies."),
};

/** The product with its link carrying the list's id (unchanged when there is no list or no link). */
export function attributedUrl<P extends { handle?: string | undefined; url?: string | undefined }>(p: P, start: ListStart | undefined): P {
  if (!start) return p;
  const url = recommendationUrl(p.handle, p.url, start.id);
  return url ? { ...p, url } : p;
}


/** Records a list an agent was served (buffered, no I/O on the request path). */
export function recordMcpList(env: ToolEnv, start: ListStart, l: Omit<ServedList, 'id' | 'ts' | 'experiment' | 'surface' | 'actor' | 'agent'>, want?: IntentWant): void {
  const agent = env.agentName();
  env.ctx.attribution?.served(start, { ...l, surface: 'mcp', actor: 'agent', ...(agent ? { agent } : {}) }, want);
}
