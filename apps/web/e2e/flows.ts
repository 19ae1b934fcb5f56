import type { Page } from 'playwright-core';

/** Steps and checks the browser tests share (harness.ts starts the console and logs in). */

/** The page's uncaught errors, which harness.ts collects on every page it logs in. */
export const errorsOf = (page: Page) => (page as unknown as { errors: string[] }).errors;

/** How many pixels of a chart's canvas have been drawn on, as it is now (a blank canvas gives 0). */
export function canvasInk(page: Page, testId: string): Promise<number> {
  return page
    .locator(`[data-testid=${testId}] canvas`)
    .first()
    .evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let coloured = 0;
      for (let i = 0; i < data.length; i += 16) if (data[i + 3]! > 0) coloured++;
      return coloured;
    });
}

/** The chart's drawn pixels once its canvas is there and its opening animation has played. */
export async function painted(page: Page, testId: string): Promise<number> {
  await page.waitForSelector(`[data-testid=${testId}] canvas`);
  await page.waitForTimeout(700);
  return canvasInk(page, testId);
}
