/**
 * What the HTTP routes are given: the shared context of both transports (`app/appContext.ts`).
 */
export type { AppContext } from '../app/appContext.ts';
