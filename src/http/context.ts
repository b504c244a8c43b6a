/**
 * What the HTTP routes are given: the shared context of both transports (`features/appContext.ts`).
 */
export type { AppContext } from '../features/appContext.ts';
