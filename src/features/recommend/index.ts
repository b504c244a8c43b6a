/**
 * What the transports use of the recommend use case: its one entry point (`recommendations.ts`), its request and answer, and the degraded-read helpers.
 * `http/` and `mcp/` import this feature only through this file (test/architecture/layering.test.ts).
 */
export { isDegraded } from './hybridRecommender.ts';
export { type PersonalizedResult, type PersonalizeRequest } from './personalizedRecommender.ts';
export { type Answer, recommend, recommendBatch } from './recommendations.ts';
export { unlessStoreDown } from './storeDown.ts';
