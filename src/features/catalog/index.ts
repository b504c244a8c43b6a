/**
 * What the transports use of the catalog use case: the shop's catalogs, CSV import, the shop vocabulary, the catalog search (what a search asks, worked out once, and Affinity's own catalog answering it page by page when the shop's catalog MCP cannot), with the request and result types of that search.
 * `http/` and `mcp/` import this feature only through this file (test/architecture/layering.test.ts).
 */
export { LOCAL_CURSOR_PREFIX, searchLocal, type LocalPricing } from '../../adapters/catalogMcp/localFallback.ts';
export { type CatalogResult, type LocalAnswer } from '../../adapters/catalogMcp/resilientCatalog.ts';
export { type CatalogSearchRequest } from '../../adapters/catalogMcp/storefrontMcpClient.ts';
export { type CatalogRegistry } from './catalogRegistry.ts';
export { localSearchMemoStats, localSearchPage, planCatalogSearch, type CatalogSearchPlan, type LocalSearchPage } from './localSearch.ts';
export { IMPORT_MODES, importCatalog, type ImportMode } from './importCatalog.ts';
export { PRODUCT_WEBHOOK_TOPICS, applyProductWebhook, isProductWebhookTopic, type ProductWebhookOutcome, type ProductWebhookTopic } from './productWebhooks.ts';
export { ShopVocabularyCache } from './shopVocabulary.ts';
