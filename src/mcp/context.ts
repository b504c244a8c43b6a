/**
 * What the MCP tools are given: the wired components both transports share (`features/appContext.ts`);
 * the recommendation tools reach the personalization layer through the recommend use case's entry point
 * (`features/recommend`). A separate name so that MCP-only components can be added later.
 */
import type { AppContext } from '../features/appContext.ts';

/** Components the MCP tools use. */
export type McpContext = AppContext;
