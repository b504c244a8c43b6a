/**
 * What the transports use of the operations use case: readiness.
 * `http/` and `mcp/` import this feature only through this file (test/architecture/layering.test.ts).
 */
export { checkReadiness } from './readiness.ts';
