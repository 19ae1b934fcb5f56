export { ingestOrders, orderIdOf } from './commerce.service.ts';
export { orders, orderItems, refunds } from './commerce.schema.ts';
