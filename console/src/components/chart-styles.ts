/**
 * How a chart tells its series apart without colour alone: each series has a colour (AA contrast on
 * white), a line dash and a point marker (lines) or a fill pattern (bars), drawn the same way in the
 * chart and in its legend (chart-drawing.ts). No DOM here, so unit tests read the styles.
 */
export type Marker = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'ring';
export type Fill = 'solid' | 'hatch' | 'dots' | 'grid' | 'backhatch' | 'outline';

export interface SeriesStyle {
  color: string;
  dash: number[];
  marker: Marker;
  fill: Fill;
}

export const SERIES_STYLES: readonly SeriesStyle[] = [
  { color: '#1f5fa8', dash: [], marker: 'circle', fill: 'solid' },
  { color: '#b35900', dash: [7, 4], marker: 'square', fill: 'hatch' },
  { color: '#2b6e3a', dash: [2, 3], marker: 'triangle', fill: 'dots' },
  { color: '#6a3d9a', dash: [10, 3, 2, 3], marker: 'diamond', fill: 'grid' },
  { color: '#a4001d', dash: [14, 4], marker: 'cross', fill: 'backhatch' },
  { color: '#4f5965', dash: [4, 2, 1, 2], marker: 'ring', fill: 'outline' },
];

export const styleOf = (i: number): SeriesStyle => SERIES_STYLES[i % SERIES_STYLES.length];
