/**
 * `affinity mcp`: the MCP server over stdio, for desktop AI clients that start it as a subprocess.
 * An entry point like `serve`: it composes the app through the composition root (`src/main.ts`: same
 * store, catalog, recommender and projector) and connects the MCP server (`src/mcp/server.ts`) to
 * stdin/stdout, without listening on HTTP. stdout carries only MCP messages: logs go to stderr, and `console.log`
 * from any dependency is redirected there too.
 *
 * Options: `--shop <domain>` (default shop of tool calls; default AFFINITY_DEFAULT_SHOP);
 * `--attach`: share the store with a running `affinity serve`, which projects the events this process
 * stores (without it, this process projects, and two projecting processes must not share one SQLite file).
 *
 * When stdin ends (a client that exits, a pipe that is done), the requests already read are answered
 * before the server closes (at most {@link STDIN_END_DRAIN_MS}): closing an SDK server aborts its
 * running handlers and drops their answers (`mcp/requestsInHand.ts`). SIGINT/SIGTERM stop at once.
 *
 * A line that is not JSON is answered with JSON-RPC -32700 and one that is not a JSON-RPC message
 * with -32600, both with `id: null` (the SDK's transport drops such lines silently, and a client
 * waiting for an answer would wait forever); each request of a batch line is refused with its own id
 * (`mcp/stdioBatches.ts`). The server keeps reading.
 */
import type { Readable, Writable } from 'node:stream';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { parseShopName } from '../core/access/shopName.ts';
import { loadConfig } from '../config.ts';
import { CliError, EXIT_USAGE } from './cliError.ts';
import { createAffinity } from '../main.ts';
import type { McpContext } from '../mcp/context.ts';
import { trackRequestsInHand, type RequestsInHand } from '../mcp/requestsInHand.ts';
import { splitOutBatches } from '../mcp/stdioBatches.ts';
import { createMcpServer } from '../mcp/server.ts';

/** How long the requests read before stdin ended may take to be answered before the server closes, ms. */
export const STDIN_END_DRAIN_MS = 10_000;

/** Streams of the stdio server (the process's own by default; tests may pass others). */
export interface StdioStreams {
  readonly stdin: Readable;
  readonly stdout: Writable;
}

/** Sends `console.log/info/debug` to stderr so nothing but protocol messages reaches stdout. */
function keepStdoutForProtocol(): void {
  const toStderr = (...args: unknown[]) => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}

/**
 * Answers the lines the transport could not read: its read buffer reports a `SyntaxError` (not JSON)
 * or a `ZodError` (JSON, but not a JSON-RPC message) through `onerror` and goes on with the next line.
 * Set before `connect`, which chains the server's own handler after this one.
 */
export function answerUnreadableLines(transport: StdioServerTransport): void {
  transport.onerror = (err) => {
    const error =
      err instanceof SyntaxError
        ? { code: -32700, message: 'Parse error: the line is not valid JSON.' }
        : err.name === 'ZodError'
          ? { code: -32600, message: 'Invalid Request: the line is not a JSON-RPC 2.0 request, notification or response.' }
          : undefined;
    // JSON-RPC 2.0: the id is null when it could not be read. The SDK's message type has no null id.
    if (error) void transport.send({ jsonrpc: '2.0', id: null, error } as unknown as JSONRPCMessage).catch(() => undefined);
  };
}

function flag(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/**
 * Runs the MCP server on stdio until stdin ends or SIGINT/SIGTERM; resolves with the exit code.
 * @throws ConfigError when the environment is invalid.
 */
export async function runMcpStdio(args: readonly string[], streams: StdioStreams = { stdin: process.stdin, stdout: process.stdout }): Promise<number> {
  keepStdoutForProtocol();
  // The one MCP session of this process: intent extraction may ask its client to sample (AFFINITY_INTENT_SAMPLING).
  let session: McpServer | undefined;
  const config = loadConfig();
  // The shop every tool call serves, parsed as the HTTP layer parses a shop (lower case; a URL or a path
  // is no shop): refused before anything starts, never served under a name no request could carry.
  const named = flag(args, 'shop');
  const parsed = parseShopName(named ?? config.defaultShop);
  if ('problem' in parsed) throw new CliError(`--shop ${JSON.stringify(named)}: ${parsed.problem}`, EXIT_USAGE);
  const shop = parsed.shop;
  if (named === undefined && !process.env.AFFINITY_DEFAULT_SHOP) {
    process.stderr.write(`affinity mcp: no --shop and no AFFINITY_DEFAULT_SHOP: tool calls serve the shop "${shop}" (pass --shop my-shop.myshopify.com for a shop whose catalog was imported)\n`);
  }
  // The stdio server answers an agent: it runs the recommend role whatever AFFINITY_ROLES lists beside it.
  const roles = config.roles.includes('recommend') ? config.roles : [...config.roles, 'recommend' as const];
  const affinity = await createAffinity({ ...config, roles }, { ...(args.includes('--attach') ? { role: 'http' as const } : {}), samplingServer: () => session?.server });
  const ctx: McpContext = affinity.ctx;
  const server = createMcpServer(ctx, { shop });
  session = server;
  // Batch lines are refused request by request before the transport, which cannot read them (stdioBatches.ts).
  const input = splitOutBatches(streams.stdin, (answers) => void transport.send(answers as unknown as JSONRPCMessage).catch(() => undefined));
  const transport = new StdioServerTransport(input, streams.stdout);
  answerUnreadableLines(transport);
  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  server.server.onclose = () => resolveDone();
  let stopping = false;
  let inHand: RequestsInHand | undefined;
  // Closing aborts the handlers still running and drops their answers: when the input ends, the
  // requests already read are answered first (a piped track_event is stored and acknowledged), for at
  // most STDIN_END_DRAIN_MS. A signal stops at once.
  const stop = (drain: boolean) => {
    // A signal while the input's requests are being answered stops at once.
    if (stopping && drain) return;
    if (stopping) return void server.close().finally(resolveDone);
    stopping = true;
    const answered = drain && inHand ? inHand.settled(STDIN_END_DRAIN_MS) : Promise.resolve(true);
    void answered
      .then((all) => {
        if (!all) process.stderr.write(`affinity mcp: stdin ended; ${inHand?.count ?? 0} request(s) still unanswered after ${STDIN_END_DRAIN_MS / 1000} s are abandoned\n`);
        return server.close();
      })
      .finally(resolveDone);
  };
  const onEnd = () => stop(true);
  const onSignal = () => stop(false);
  // The end of what the transport reads (after stdin's last line went through), not of stdin itself.
  input.on('end', onEnd);
  input.on('close', onEnd);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  await server.connect(transport);
  // Right after connect (which set the transport's onmessage), before the first line is read.
  inHand = trackRequestsInHand(transport);
  process.stderr.write(`affinity mcp: serving on stdio (store: ${ctx.store.kind}, shop: ${shop})\n`);
  await done;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  await affinity.close();
  return 0;
}
