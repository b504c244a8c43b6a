/** Calling an MCP tool from the e2e tests with the real SDK client. */
import assert from 'node:assert/strict';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** The tool's structured answer; a tool error fails the test with its text. */
export async function callOk(client: Client, name: string, args: Record<string, unknown>): Promise<any> {
  const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
  assert.ok(!r.isError, JSON.stringify(r.content));
  return r.structuredContent;
}
