export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function unionBox(boxes: readonly Box[]): Box {
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  return { x, y, width: right - x, height: bottom - y };
}

export function intersectionArea(a: Box, b: Box): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

export function area(box: Box): number {
  return box.width * box.height;
}

export function containsCentre(outer: Box, inner: Box): boolean {
  const cx = inner.x + inner.width / 2;
  const cy = inner.y + inner.height / 2;
  return cx >= outer.x && cx <= outer.x + outer.width && cy >= outer.y && cy <= outer.y + outer.height;
}

/** Whether `outer`, grown by `margin` on every side, contains `inner`. */
export function coversWithin(outer: Box, inner: Box, margin: number): boolean {
  return (
    outer.x - margin <= inner.x &&
    outer.y - margin <= inner.y &&
    outer.x + outer.width + margin >= inner.x + inner.width &&
    outer.y + outer.height + margin >= inner.y + inner.height
  );
}
