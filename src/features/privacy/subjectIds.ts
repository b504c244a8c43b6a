/**
 * Which ids of the identity graph are a data subject's own: what a `customers/data_request` exports
 * and a `customers/redact` erases.
 *
 * The graph's links are client id ↔ customer id, client id ↔ `order:<orderId>` and client id ↔
 * `<clientId>@<market>` (consent gate). A device two customers checked out on is linked to both, so a
 * transitive walk from one customer reaches the other customer and every device of theirs: an export
 * would disclose them and a redaction would erase them. The subject's ids are therefore read one link
 * deep (`PrivacyStore.directLinks`), from the customer id and from the order nodes the request names,
 * plus the other ids of the same browsers (a device's plain and market-scoped ids are one browser's
 * storage, linked to each other only), and the agent conversations (`session:<id>`) linked to those
 * devices (an agent named the device's shopper with the conversation: `mcp/shopper.ts`). Nothing is
 * read through another customer id or through an order the request does not name.
 */
import type { PrivacyStore } from '../../core/ports.ts';
import { MARKET_SCOPE_SEPARATOR } from '../../core/privacy/consentPolicy.ts';
import { isOrderNode, orderNode } from '../../core/privacy/orderNode.ts';
import { SESSION_KEY_PREFIX } from '../../core/profile/sessionKey.ts';

/** Most ids collected (a guard against a pathological link graph, as the store's own walk has). */
export const MAX_SUBJECT_IDS = 1000;

/**
 * Whether two linked ids are one browser's: a client id and its market-scoped id `<id>@<market>`
 * (as the consent gate stores behaviour that may not be merged across markets).
 */
export function sameBrowser(a: string, b: string): boolean {
  return a.startsWith(`${b}${MARKET_SCOPE_SEPARATOR}`) || b.startsWith(`${a}${MARKET_SCOPE_SEPARATOR}`);
}

/**
 * Whether `x`, linked to the device `id`, is that device's shopper's too: its other browser ids, or an
 * agent conversation that named the device as its shopper. Never another customer nor an order.
 */
function sameShopper(id: string, x: string): boolean {
  return sameBrowser(id, x) || (x.startsWith(SESSION_KEY_PREFIX) && !isOrderNode(id));
}

/**
 * The customer id, the order nodes of `orders` that something is linked to, every id linked directly
 * to either (devices, their market-scoped ids, order nodes linked to the customer id), and the other
 * ids of those devices' browsers and their conversations; each once, the customer first. Reads
 * `directLinks` only.
 */
export async function subjectIds(store: Pick<PrivacyStore, 'directLinks'>, shop: string, customerId: string | undefined, orders: readonly string[] = []): Promise<string[]> {
  const out = new Set<string>(customerId ? [customerId] : []);
  const read = new Map<string, readonly string[]>();
  const links = async (id: string): Promise<readonly string[]> => {
    let l = read.get(id);
    if (l === undefined) read.set(id, (l = await store.directLinks(shop, id)));
    return l;
  };
  for (const start of [...(customerId ? [customerId] : []), ...orders.map(orderNode)]) {
    const linked = await links(start);
    // An order nobody is linked to leaves no node behind.
    if (start !== customerId && linked.length > 0) out.add(start);
    for (const x of linked) out.add(x);
  }
  // The other ids of each browser found (a device's plain id and its market-scoped ids), and its conversations.
  const queue = [...out].filter((id) => !isOrderNode(id));
  while (queue.length > 0 && out.size < MAX_SUBJECT_IDS) {
    const id = queue.shift() as string;
    for (const x of await links(id)) {
      if (out.has(x) || !sameShopper(id, x)) continue;
      out.add(x);
      queue.push(x);
    }
  }
  return [...out];
}
