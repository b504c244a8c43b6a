/**
 * What a tool answer's `content` carries besides its readable summary. Many clients give the model
 * only `content` (every client on protocol 2024-11-05 or 2025-03-26, which have no `structuredContent`,
 * and several current ones that ignore it), so a summary alone loses what the agent needs to act: the
 * item links with `aff_rec` (attribution), the `recommendation_id`, a search's `next_cursor`. The MCP
 * specification (2025-06-18, "Structured Content") says a tool that returns structured content SHOULD
 * also return it serialized in a TextContent block: {@link withStructuredText} adds that block after
 * the summary, for every tool (each declares an outputSchema). The summary stays first: it is what a
 * client that shows one block shows, and what a person reading a log reads.
 *
 * {@link shopperLink} is the link a summary line shows: the same absolute storefront link as the
 * structured answer's `url` (`attributedList.ts` `withShopLinks`), so the two never disagree.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isPublicShopHost } from '../core/access/shopName.ts';
import { shopLink } from './attributedList.ts';

/**
 * `result` with its structured content serialized as a second text block (compact JSON: it is for
 * the model, and the summary before it is for people). Unchanged for an error result or a result
 * without structured content, and when the last block already is that serialization.
 */
export function withStructuredText(result: CallToolResult): CallToolResult {
  if (result.isError || result.structuredContent === undefined) return result;
  const json = JSON.stringify(result.structuredContent);
  const last = result.content.at(-1);
  if (last?.type === 'text' && last.text === json) return result;
  return { ...result, content: [...result.content, { type: 'text', text: json }] };
}

/**
 * An item's link as the shopper follows it: absolute on the shop's storefront when the shop's name is
 * a public host name (as `withShopLinks` makes the structured `url`), as it is otherwise.
 */
export function shopperLink(url: string, shop: string): string {
  return isPublicShopHost(shop) ? shopLink(url, shop) : url;
}
