/** Canvas drawing shared by a chart and its legend: point markers and bar fill patterns. */
import type { Fill, Marker } from './chart-styles';

/** Draws a marker centred on (x, y), `r` pixels from centre to edge. */
export function drawMarker(ctx: CanvasRenderingContext2D, marker: Marker, x: number, y: number, r: number, color: string): void {
  ctx.save();
  ctx.fillStyle = color;
  ctx.strokeStyle = color;
  ctx.lineWidth = Math.max(1.5, r / 2.5);
  ctx.setLineDash([]);
  ctx.beginPath();
  switch (marker) {
    case 'circle':
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fill();
      break;
    case 'square':
      ctx.fillRect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
      break;
    case 'triangle':
      ctx.moveTo(x, y - r * 1.1);
      ctx.lineTo(x + r, y + r * 0.8);
      ctx.lineTo(x - r, y + r * 0.8);
      ctx.closePath();
      ctx.fill();
      break;
    case 'diamond':
      ctx.moveTo(x, y - r * 1.2);
      ctx.lineTo(x + r, y);
      ctx.lineTo(x, y + r * 1.2);
      ctx.lineTo(x - r, y);
      ctx.closePath();
      ctx.fill();
      break;
    case 'cross':
      ctx.moveTo(x - r, y - r);
      ctx.lineTo(x + r, y + r);
      ctx.moveTo(x + r, y - r);
      ctx.lineTo(x - r, y + r);
      ctx.stroke();
      break;
    case 'ring':
      ctx.fillStyle = '#fff';
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
      break;
  }
  ctx.restore();
}

/** A bar's fill: the colour, or a pattern of it on white (8 px tiles, scaled for the screen). */
export function barFill(ctx: CanvasRenderingContext2D, fill: Fill, color: string, scale = 1): string | CanvasPattern {
  if (fill === 'solid') return color;
  const size = Math.round(8 * scale);
  const tile = document.createElement('canvas');
  tile.width = tile.height = size;
  const g = tile.getContext('2d');
  if (!g) return color;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, size, size);
  g.strokeStyle = color;
  g.fillStyle = color;
  g.lineWidth = 1.6 * scale;
  g.beginPath();
  switch (fill) {
    case 'hatch':
      g.moveTo(0, size);
      g.lineTo(size, 0);
      g.moveTo(-size / 2, size / 2);
      g.lineTo(size / 2, -size / 2);
      g.moveTo(size / 2, size * 1.5);
      g.lineTo(size * 1.5, size / 2);
      g.stroke();
      break;
    case 'backhatch':
      g.moveTo(0, 0);
      g.lineTo(size, size);
      g.moveTo(size / 2, -size / 2);
      g.lineTo(size * 1.5, size / 2);
      g.moveTo(-size / 2, size / 2);
      g.lineTo(size / 2, size * 1.5);
      g.stroke();
      break;
    case 'dots':
      g.arc(size / 2, size / 2, size / 5, 0, 2 * Math.PI);
      g.fill();
      break;
    case 'grid':
      g.moveTo(size / 2, 0);
      g.lineTo(size / 2, size);
      g.moveTo(0, size / 2);
      g.lineTo(size, size / 2);
      g.stroke();
      break;
    case 'outline':
      break;
  }
  return ctx.createPattern(tile, 'repeat') ?? color;
}
