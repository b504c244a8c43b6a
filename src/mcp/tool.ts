/**
 * The shape of one MCP tool (`defineTool`) and the environment tools run in. A tool parses its
 * arguments with its zod schema, calls core/app services and maps the result into
 * `structuredContent` plus a readable text block. Every expected failure comes back as an
 * `isError: true` result with a message a model can act on; nothing a caller sends can crash the server.
 */
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { Role } from '../core/access/apiKeys.ts';
import { parseShopName } from '../core/access/shopName.ts';
import { isAffinityError } from '../core/errors.ts';
import type { McpContext } from './context.ts';

/** What a tool call can use besides its arguments. */
export interface ToolEnv {
  readonly ctx: McpContext;
  /**
   * The connection's one shop (HTTP: the credential's shop, or the shop the request names when the key
   * is for every shop; stdio: `--shop`). A tool's `shop` argument may only repeat it.
   */
  readonly shop: string;
  /** Whether the caller may act as `role` on {@link shop} (HTTP: the API key's roles; stdio: always). */
  may(role: Role): boolean;
  /** Name of the calling agent (MCP `initialize` clientInfo.name), when known. */
  agentName(): string | undefined;
}

/** What a tool's `run` returns. */
export interface ToolOutput<S> {
  readonly structured: S;
  /** A readable rendering of the same answer (for clients that only show text). */
  readonly text: string;
}

/** A registered tool with its argument handling erased. */
export interface McpTool {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: z.ZodObject;
  readonly outputSchema?: z.ZodObject;
  readonly annotations: ToolAnnotations;
  /** The role a caller needs: `read` for tools that answer, `ingest` for tools that record. */
  readonly role: ToolRole;
  /** Validates `args` and runs the tool; never rejects. */
  call(args: unknown, env: ToolEnv): Promise<CallToolResult>;
}

/** What a tool needs of its caller. */
export type ToolRole = Extract<Role, 'read' | 'ingest'>;

/** A tool definition. */
export interface ToolSpec<I extends z.ZodObject, O extends z.ZodObject> {
  readonly name: string;
  readonly role: ToolRole;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: I;
  readonly outputSchema: O;
  readonly annotations: ToolAnnotations;
  run(args: z.output<I>, env: ToolEnv): Promise<ToolOutput<z.input<O>>>;
}

/** An `isError` result carrying `message`. */
export function toolError(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** `userId` → `user_id`. */
function snake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * One part per issue: `path: message`. An unknown top-level key whose snake_case form is an argument
 * gets a hint (`userId` → "did you mean user_id?"), the most common slip of a model.
 */
export function formatIssues(issues: readonly z.core.$ZodIssue[], known: readonly string[] = []): string {
  return issues
    .map((i) => {
      const where = i.path.length > 0 ? i.path.join('.') : '(arguments)';
      const hints = i.code === 'unrecognized_keys' && i.path.length === 0 ? i.keys.map(snake).filter((k) => known.includes(k)) : [];
      return `${where}: ${i.message}${hints.length > 0 ? ` (did you mean ${hints.join(', ')}?)` : ''}`;
    })
    .join('; ');
}

/** Erases a typed definition into an {@link McpTool}. */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(spec: ToolSpec<I, O>): McpTool {
  return {
    name: spec.name,
    title: spec.title,
    description: spec.description,
    inputSchema: spec.inputSchema,
    outputSchema: spec.outputSchema,
    annotations: spec.annotations,
    role: spec.role,
    async call(args, env) {
      if (!env.may(spec.role)) return toolError(`FORBIDDEN: ${spec.name} needs an API key with the ${spec.role} role for shop ${env.shop}.`);
      const parsed = spec.inputSchema.safeParse(args ?? {});
      if (!parsed.success) return toolError(`Invalid arguments for ${spec.name}: ${formatIssues(parsed.error.issues, Object.keys(spec.inputSchema.shape))}`);
      const named = (parsed.data as { shop?: unknown }).shop;
      if (named !== undefined) {
        // The same parse as every HTTP shop name: validated, compared in lower case.
        const shop = parseShopName(named);
        if ('problem' in shop) return toolError(`INVALID_SHOP: the shop argument ${shop.problem}. Omit shop, or pass ${env.shop}.`);
        if (shop.shop !== env.shop) {
          return toolError(`TENANT_MISMATCH: this connection is for shop ${env.shop}; the shop argument names ${String(named)}. Omit shop, or pass ${env.shop}.`);
        }
      }
      try {
        // The shop's catalog is held before the tool reads it (a node with a catalog budget lets idle shops go).
        await env.ctx.catalogs.ensure(env.shop);
        const out = await spec.run(parsed.data, env);
        return { content: [{ type: 'text', text: out.text }], structuredContent: out.structured as Record<string, unknown> };
      } catch (err) {
        if (isAffinityError(err)) {
          const details = err.issues.length > 0 ? ` (${err.issues.map((i) => `${i.path}: ${i.message}`).join('; ')})` : '';
          return toolError(`${err.code}: ${err.message}${details}`);
        }
        env.ctx.logError(err, `MCP tool ${spec.name} failed`);
        return toolError(`INTERNAL: ${spec.name} failed unexpectedly; the error was logged. Retrying may help.`);
      }
    },
  };
}
