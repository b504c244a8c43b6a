/**
 * Orders in the identity graph. Where consent allows linking, a stored event that carries an order id
 * links its user id to the node `order:<orderId>`, beside the link to the customer id. A
 * `customers/redact` (or `customers/data_request`) names the customer and its orders; the erasure
 * starts from both, so it also finds the devices of orders placed without a customer id (guest
 * checkouts). Identity links are used by erasure and export only.
 */

/** Prefix of an order node (no pixel client id or customer id starts with it). */
export const ORDER_NODE_PREFIX = 'order:';

/** The identity-graph node of an order id. */
export function orderNode(orderId: string): string {
  return `${ORDER_NODE_PREFIX}${orderId}`;
}

/** Whether an id of the identity graph is an order node (not a shopper id). */
export function isOrderNode(id: string): boolean {
  return id.startsWith(ORDER_NODE_PREFIX);
}
