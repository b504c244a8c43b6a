/**
 * What the MCP tools are given: the wired components both transports share (`features/appContext.ts`),
 * including the optional personalization layer (`ctx.personalizer`, used through the `Personalizer` port of `ports.ts`) and
 * the optional intent classifier (`ctx.intentClassifier`, used by the base-recommender fallback when no
 * personalization layer is wired). A separate name so that MCP-only components can be added later.
 */
import type { AppContext } from '../features/appContext.ts';

/** Components the MCP tools use. */
export type McpContext = AppContext;
