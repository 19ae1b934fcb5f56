import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/** Builds the console into `outDir` (tests and benchmarks build into a temporary folder). */
export async function buildConsole(outDir: string): Promise<void> {
  await build({ root: webRoot, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
}
