/**
 * The Affinity MCP server: five tools over the same services as the HTTP API. One server per
 * connection (stdio) or per request (stateless streamable HTTP); creating one is cheap.
 *
 * Failures are kept apart as the MCP specification and JSON-RPC 2.0 ask. A request whose `params` do
 * not fit its method is a protocol error, JSON-RPC -32602 Invalid params with a sentence naming the
 * field (`tools/list` with `{"cursor": 5}`, `initialize` without `clientInfo`; every handler is behind
 * `guardedHandlers.ts`, as the SDK would answer -32603 and a dump of zod issues). So is an unknown
 * tool, and a `tools/call` whose `params` are not `{name, arguments?}` (no params, `arguments` null or
 * an array, a name that is not a string: {@link callParamsProblem}, in words that list the tools).
 * Invalid arguments and failures inside a tool are tool results with `isError: true` and a message the
 * model can act on (`tool.ts`). Anything else that fails inside a handler is logged and answered with
 * -32603 "Internal error", without its detail. `tools/call` is dispatched here rather than by
 * McpServer's default handler, which turns unknown tools into `isError` results.
 *
 * Every answer's product links are made absolute on the connection's shop (`attributedList.ts`
 * `withShopLinks`): an agent gives them to the shopper as they are. Its structured content is then
 * serialized into a second text block (`answerText.ts`), for clients that show the model only `content`.
 *
 * The tools never change while a server runs (and over stateless HTTP no server lives long enough to
 * send a notification), so the `tools` capability does not offer `listChanged`.
 */
import { readFileSync } from 'node:fs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Protocol } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { Implementation } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { Role } from '../core/access/apiKeys.ts';
import { withStructuredText } from './answerText.ts';
import { withShopLinks } from './attributedList.ts';
import type { McpContext } from './context.ts';
import { guardRequestHandlers } from './guardedHandlers.ts';
import { InvalidParamsError, kindOf } from './protocolErrors.ts';
import type { McpTool, ToolEnv } from './tool.ts';
import { explainRecommendation } from './tools/explainRecommendation.ts';
import { getShopperProfile } from './tools/getShopperProfile.ts';
import { recommendProducts } from './tools/recommendProducts.ts';
import { searchCatalog } from './tools/searchCatalog.ts';
import { trackEvent } from './tools/trackEvent.ts';

/** Server version reported in `initialize` (the package version). */
export const MCP_SERVER_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Every tool, in the order `tools/list` shows them. */
export const MCP_TOOLS: readonly McpTool[] = [recommendProducts, searchCatalog, trackEvent, getShopperProfile, explainRecommendation];

/** Told to the model at `initialize`: when to use which tool. */
export const MCP_INSTRUCTIONS = `Affinity personalizes shopping for this store's shoppers from what they did in the shop and in conversations.
- Identify the shopper on every call: user_id when you know them (customer id or storefront client id), otherwise session_id (this conversation's id).
- get_shopper_profile: at the start of a conversation, to learn favourite categories, brands and usual price range before asking questions.
- recommend_products: whenever the shopper wants suggestions or alternatives. Pass the conversation so far as text and, if you already know them, intent.budget/category/brand/must_not; pass market for prices in their currency. Quote each item's "reason".
- search_catalog: when the shopper asks for something specific by keywords, category or price; results are ordered for this shopper.
- track_event: right after the shopper views, adds to cart, buys, or rejects a product you showed ("rejected" keeps it out of later recommendations).
- explain_recommendation: when the shopper asks why a product was suggested.
Prices are integer minor units plus a formatted string. fallback_used: true means the shop's live catalog did not answer this request (unreachable, too slow, or it refused the request: the answer's note says which), so prices and availability come from a cached or local copy and may be out of date.`;

export { InvalidParamsError } from './protocolErrors.ts';

/** A `tools/call` for a tool that does not exist (-32602). */
export class UnknownToolError extends InvalidParamsError {
  constructor(readonly tool: string, available: readonly string[]) {
    super(`Unknown tool "${tool}". Available tools: ${available.join(', ')}.`);
    this.name = 'UnknownToolError';
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Why a `tools/call` request's `params` are not `{name: string, arguments?: object, _meta?: object}`
 * (the MCP schema's `CallToolRequestParams`), as the message of a -32602 error; `undefined` when they are.
 * Reads only the shape; whether the tool exists and its arguments are valid is checked after.
 */
export function callParamsProblem(params: unknown, tools: readonly string[]): string | undefined {
  const example = `{"name": "${tools[0] ?? 'tool'}", "arguments": {…}}`;
  if (params === undefined) return `Invalid params: tools/call needs params ${example}; the request has none.`;
  if (!isPlainObject(params)) return `Invalid params: tools/call params must be an object such as ${example}, not ${kindOf(params)}.`;
  if (typeof params.name !== 'string') {
    return `Invalid params: params.name must be the tool's name as a string (${tools.join(', ')}), ${params.name === undefined ? 'and it is missing' : `not ${kindOf(params.name)}`}.`;
  }
  if (params.arguments !== undefined && !isPlainObject(params.arguments)) {
    return `Invalid params: params.arguments must be an object holding the tool's arguments by name (or left out for none), not ${kindOf(params.arguments)}.`;
  }
  if (params._meta !== undefined && !isPlainObject(params._meta)) return `Invalid params: params._meta must be an object, not ${kindOf(params._meta)}.`;
  return undefined;
}

/** Any `tools/call` request: its params are checked by the guard ({@link callParamsProblem}, then the SDK's schema), not by a schema that answers -32603. */
const AnyCallToolRequest = z.object({ method: z.literal('tools/call'), params: z.unknown().optional() });

/**
 * One JSON Schema validator for every server: by default the SDK builds a new Ajv per server (most of
 * the ~150 µs a server took to create; ~35 µs without it), which stateless HTTP pays on every request.
 * It is only used for elicitation, which these tools do not use.
 */
const SHARED_VALIDATOR = new AjvJsonSchemaValidator();

/** Per-server options. */
export interface McpServerOptions {
  /** The connection's one shop (default `ctx.defaultShop`); a tool's `shop` argument may only repeat it. */
  readonly shop?: string;
  /** Whether the caller may act as a role on that shop (default: always, as on stdio, where the caller is the process owner). */
  readonly may?: (role: Role) => boolean;
  /**
   * Who the client is when this server instance did not see `initialize` itself (stateless HTTP: decoded
   * from the session id). The server's own `initialize` clientInfo takes precedence.
   */
  readonly clientInfo?: Implementation;
}

/** Creates the MCP server with every Affinity tool registered. */
export function createMcpServer(ctx: McpContext, opts: McpServerOptions = {}): McpServer {
  const mcp = new McpServer({ name: 'affinity', title: 'Affinity', version: MCP_SERVER_VERSION }, {
    instructions: MCP_INSTRUCTIONS,
    capabilities: { tools: {} },
    jsonSchemaValidator: SHARED_VALIDATOR,
  });
  const env: ToolEnv = {
    ctx,
    shop: opts.shop ?? ctx.defaultShop,
    may: opts.may ?? (() => true),
    agentName: () => mcp.server.getClientVersion()?.name ?? opts.clientInfo?.name,
  };
  const byName = new Map<string, McpTool>();
  for (const tool of MCP_TOOLS) {
    byName.set(tool.name, tool);
    mcp.registerTool(
      tool.name,
      { title: tool.title, description: tool.description, inputSchema: tool.inputSchema, ...(tool.outputSchema ? { outputSchema: tool.outputSchema } : {}), annotations: tool.annotations },
      (args: unknown) => tool.call(args, env),
    );
  }
  // The base class's registration: the SDK server's own override first parses with its request schema
  // (-32603 and a zod dump, or -32602 with the same dump), before this handler could say what is wrong.
  Protocol.prototype.setRequestHandler.call(mcp.server, AnyCallToolRequest, async (req: z.output<typeof AnyCallToolRequest>) => {
    // The guard installed below has already checked the params (callParamsProblem, then the schema).
    const { name, arguments: args } = req.params as { name: string; arguments?: Record<string, unknown> };
    const tool = byName.get(name);
    if (!tool) throw new UnknownToolError(name, [...byName.keys()]);
    // Links the agent hands to the shopper are absolute, on the shop's storefront; the structured answer is
    // also serialized into `content`, for the clients that give the model nothing else (answerText.ts).
    return withStructuredText(withShopLinks(await tool.call(args ?? {}, env), env.shop));
  });
  // registerTool offers `listChanged`; no list ever changes here (see the module comment).
  mcp.server.registerCapabilities({ tools: { listChanged: false } });
  // Params that do not fit a method: -32602 with a sentence; anything unexpected: logged, -32603 without detail.
  guardRequestHandlers(mcp.server, {
    checks: { 'tools/call': (params) => callParamsProblem(params, [...byName.keys()]) },
    onInternalError: (err, method) => ctx.logError(err, `MCP ${method} failed`),
  });
  return mcp;
}
