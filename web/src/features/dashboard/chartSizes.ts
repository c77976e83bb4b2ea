/** Chart heights, known before the chart code has loaded so that the page keeps its layout. */
export const DONUT_SIZE = 160;

const BAR_ROW_HEIGHT = 34;
const BAR_AXIS_HEIGHT = 40;

export function barsHeight(rows: number): number {
  return rows * BAR_ROW_HEIGHT + BAR_AXIS_HEIGHT;
}
