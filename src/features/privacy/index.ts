/**
 * What the transports use of the privacy use case: the consent gate and session-only memory of a request.
 * `http/` and `mcp/` import this feature only through this file (test/architecture/layering.test.ts).
 */
export { type ConsentGate } from './consentGate.ts';
export { type SessionMemory } from './sessionMemory.ts';
