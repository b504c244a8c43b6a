/**
 * Every HTTP operation Affinity serves, as the OpenAPI document describes it: parameters, request
 * body (the routes' own zod schemas where they have one), answers with their schemas
 * (`openapiSchemas.ts`), the error codes particular to the route, and examples that the OpenAPI test
 * sends to a real app. What is common is added by `openapi.ts`: the security (derived from
 * `routeAccess()`, the function the access hook enforces), the tenant parameters, and the error codes
 * every route of a kind can answer (access, body parsing, path parameters, shutdown).
 *
 * The OpenAPI test fails when a registered route is missing here, or one listed here is not registered.
 */
import type { z } from 'zod';
import { IngestEnvelopeSchema } from '../core/events/ingest.ts';
import { NativeEventSchema } from '../core/events/nativeEvent.ts';
import { PixelEventSchema } from '../core/events/pixelEvent.ts';
import { COMPLIANCE_SCHEMAS, COMPLIANCE_TOPICS, type ComplianceTopic } from '../core/privacy/complianceWebhook.ts';
import * as S from './openapiSchemas.ts';
import { SERVICE_OPERATIONS, webhookComponent } from './openapiServiceOperations.ts';
import { DASHBOARD_OPERATIONS, ExperimentList, OperationsReport } from './openapiDashboardOperations.ts';
import { CatalogJson, SHOP_OPERATIONS } from './openapiShopOperations.ts';
import type { OperationSpec } from './openapiSpec.ts';
import { ConsentRequestSchema } from './routes/consent.ts';
import { IntentRequestSchema } from './routes/intent.ts';
import { RecommendationBatchSchema, RecommendationRequestSchema } from './routes/recommendations.ts';

export type { AnswerSpec, Method, OperationSpec, ParamSpec, SchemaSource } from './openapiSpec.ts';

/** Every operation, in the order the OpenAPI test sends their examples. */
export const OPERATIONS: readonly OperationSpec[] = [...SHOP_OPERATIONS, ...SERVICE_OPERATIONS, ...DASHBOARD_OPERATIONS];

/** Request schemas published as components (name → schema, read as input). */
export const REQUEST_COMPONENTS: Readonly<Record<string, z.ZodType>> = {
  PixelEvent: PixelEventSchema,
  NativeEvent: NativeEventSchema,
  IngestEnvelope: IngestEnvelopeSchema,
  RecommendationRequest: RecommendationRequestSchema,
  RecommendationBatch: RecommendationBatchSchema,
  ConsentRequest: ConsentRequestSchema,
  IntentRequest: IntentRequestSchema,
  CatalogJson,
  ...Object.fromEntries((Object.keys(COMPLIANCE_TOPICS) as ComplianceTopic[]).map((t) => [webhookComponent(t), COMPLIANCE_SCHEMAS[t]])),
};

/** Answer schemas published as components (name → schema, read as output). */
export const RESPONSE_COMPONENTS: Readonly<Record<string, z.ZodType>> = {
  Error: S.ErrorResponse,
  JsonRpcError: S.JsonRpcErrorResponse,
  JsonRpcMessage: S.JsonRpcMessage,
  EventsAccepted: S.EventsAccepted,
  Recommendations: S.Recommendations,
  RecommendationBatchResult: S.RecommendationBatchResult,
  Profile: S.Profile,
  ImportReport: S.ImportReport,
  CatalogSyncReport: S.CatalogSyncReport,
  Product: S.Product,
  IntentResult: S.IntentResult,
  ConsentOutcome: S.ConsentOutcome,
  ExportReady: S.ExportReady,
  ExportPending: S.ExportPending,
  PrivacyJobStatus: S.PrivacyJobStatus,
  WebhookReceipt: S.WebhookReceipt,
  ProxyRecommendations: S.ProxyRecommendations,
  Live: S.Live,
  Ready: S.Ready,
  ServiceInfo: S.ServiceInfo,
  OpenApiDocument: S.OpenApiDocument,
  OperationsReport,
  ExperimentList,
};
