export {
  upsertProducts,
  ensureProducts,
  productIdOf,
  listCategories,
  productsByIds,
  productTopCategoryFragment,
  productFactsFragment,
  type ProductBrief,
} from './catalog.service.ts';
export { products, categories } from './catalog.schema.ts';
