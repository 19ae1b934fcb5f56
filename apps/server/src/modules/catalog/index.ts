export { upsertProducts, ensureProducts, productIdOf, listCategories } from './catalog.service.ts';
export { products, categories } from './catalog.schema.ts';
