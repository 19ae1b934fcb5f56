export { ingestOrders, orderIdOf } from './commerce.service.ts';
export { orders, orderItems, refunds } from './commerce.schema.ts';
export * as orderKpis from './kpis.repo.ts';
export * as orderDemand from './demand.repo.ts';
