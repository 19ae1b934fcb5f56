/**
 * Bulk import of members, orders, products and events from CSV/XLSX files (`linli import`), and the
 * Complete Journey demo data set (`linli import completejourney DIR`).
 */
export { runImport, columnOf, type ImportOptions, type ImportSummary } from './import.service.ts';
export {
  importCompleteJourney,
  type CjOptions,
  type CompleteJourneySummary,
  type EntityCounts,
} from './completejourney.ts';
export { cjLine, cjOrder, CJ_CITY, CJ_DISTRICT } from './cj-mapping.ts';
export { IMPORT_KINDS, KIND_COLUMNS, type ImportKind, type KindColumns } from './columns.ts';
export { openTable, openTabular, type Table, type TableRecord, type TabularFile } from './tabular.ts';
export {
  mapMember,
  mapProduct,
  mapEvent,
  mapOrderHead,
  mapOrderItem,
  type MapResult,
  type RowProblem,
} from './row-mappers.ts';
export { importsRoutes } from './imports.routes.ts';
export { AutoDecoder, decodeText } from './encoding.ts';
export { readTextColumn, type InvalidInput, type TextRow } from './text-column.ts';
