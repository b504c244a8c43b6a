/**
 * What the transports use of the ingest use case: storing events (`POST /v1/events` and `track_event`).
 * `http/` and `mcp/` import this feature only through this file (test/architecture/layering.test.ts).
 */
export { type ConsentRecorder, recordEvents } from './recordEvents.ts';
