/** Looks the console's charts share, so a series or an axis reads the same on every page. */

/**
 * Series colours in the order they are handed out: the brand green first, then colours that stay
 * apart from their neighbours (personas take one each, pies one per slice).
 */
export const CHART_COLORS = [
  '#00a870',
  '#3b7cff',
  '#f59a23',
  '#8e5cf7',
  '#e34d59',
  '#14b8c4',
  '#a0d911',
  '#f759ab',
  '#597ef7',
  '#ffc53d',
  '#8c8c8c',
  '#36cfc9',
  '#9254de',
  '#ff7a45',
] as const;

/** An axis's name centred along it, `gap` pixels out so it clears the tick labels. */
export function axisTitle(name: string, gap: number) {
  return { name, nameLocation: 'middle', nameGap: gap } as const;
}
