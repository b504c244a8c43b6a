/**
 * What the transports use of the analytics use case: recommendation ids and the experiment a served list belongs to.
 * `http/` and `mcp/` import this feature only through this file (test/architecture/layering.test.ts).
 */
export { experimentOut, type ListStart, newRecommendationId } from './listAttribution.ts';
