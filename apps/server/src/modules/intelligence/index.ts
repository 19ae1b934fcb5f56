/** Customer analytics over the other modules' data; for now the database-free `linli clv fit`. */
export { runClvFit, fitClv, readTransactions } from './clv.cli.ts';
