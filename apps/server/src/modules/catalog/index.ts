export {
  upsertProducts,
  ensureProducts,
  productIdOf,
  listCategories,
  productsByIds,
  productTopCategoryFragment,
  type ProductBrief,
} from './catalog.service.ts';
export { products, categories } from './catalog.schema.ts';
