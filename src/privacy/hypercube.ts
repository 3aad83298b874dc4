import type { Interval } from './intervals.js';
import { type LinkedTable, primaryStatus, type Release, secondaryStatus } from './linked-release.js';
import { forEachIndex, stridesOf } from './table.js';

/** Candidate hypercubes examined at most per hidden cell before the method gives way to the audit. */
const maxCubeCandidates = 60_000;

/**
 * The hypercube method (after Repsilber's, as in τ-ARGUS): a small cell p is hidden together with the
 * other corners of a box — in each dimension p's position and one other (another category, or the
 * total). Adding t to the box's inner corners with alternating signs (a dimension whose other position
 * is the total does not alternate) changes no cell outside the box, so whoever sees every published cell
 * cannot tell p from p + t for any t that keeps the inner corners non-negative: every corner's interval
 * is at least (smallest + corner) + (smallest − corner) wide. Inner corners must be non-zero (an
 * attacker may know which combinations are empty). Among the boxes wide enough, the one hiding the
 * least not yet hidden is chosen. Returns true when every hidden cell is protected by a box.
 */
export function protectByHypercubes(
  release: Release,
  table: LinkedTable,
  status: Uint8Array,
  width: number,
  safe: Map<number, Interval>,
): boolean {
  const { shape } = table.marginal;
  const d = shape.length;
  const strides = stridesOf(shape);
  const valueAt = (index: number) => release.values[table.cells[index] as number] as number;
  const hiddenAt = (index: number) => status[table.cells[index] as number] !== 0;
  const corners = 1 << d;
  const primaries: number[] = [];
  table.cells.forEach((cell, index) => {
    if (status[cell] === primaryStatus) primaries.push(index);
  });
  primaries.sort((a, b) => valueAt(a) - valueAt(b));
  const positions = new Array<number>(d);
  const other = new Array<number>(d);
  for (const p of primaries) {
    if (safe.has(table.cells[p] as number)) continue;
    let rest = p;
    for (let k = d - 1; k >= 0; k--) {
      positions[k] = rest % (shape[k] as number);
      rest = Math.floor(rest / (shape[k] as number));
    }
    // Per dimension, the other position: any but p's own; the total only if p's is not the total.
    const options = positions.map((position, k) => {
      const totalAt = (shape[k] as number) - 1;
      const list: number[] = [];
      for (let q = 0; q <= totalAt; q++)
        if (q !== position && !(q === totalAt && position === totalAt)) list.push(q);
      return list;
    });
    const candidates = options.reduce((n, list) => n * list.length, 1);
    if (candidates === 0 || candidates > maxCubeCandidates) return false;
    let best: { corners: number[]; width: number; cost: number } | undefined;
    forEachIndex(
      options.map((list) => list.length),
      (choice) => {
        for (let k = 0; k < d; k++) other[k] = (options[k] as number[])[choice[k] as number] as number;
        let plus = Number.POSITIVE_INFINITY;
        let minus = Number.POSITIVE_INFINITY;
        let cost = 0;
        const box: number[] = [];
        for (let mask = 0; mask < corners; mask++) {
          let index = 0;
          let inner = true;
          let sign = 1;
          for (let k = 0; k < d; k++) {
            const at = mask & (1 << k) ? (other[k] as number) : (positions[k] as number);
            const totalAt = (shape[k] as number) - 1;
            index += at * (strides[k] as number);
            if (at === totalAt) inner = false;
            else if (mask & (1 << k) && positions[k] !== totalAt) sign = -sign;
          }
          const value = valueAt(index);
          if (inner) {
            if (value <= 0) return;
            if (sign > 0) plus = Math.min(plus, value);
            else minus = Math.min(minus, value);
          }
          if (!hiddenAt(index)) cost += value + 1e-3;
          box.push(index);
        }
        const boxWidth = plus + minus;
        if (boxWidth + 1e-9 < width || (best && cost >= best.cost)) return;
        best = { corners: box, width: boxWidth, cost };
      },
    );
    if (!best) return false;
    const chosen: { corners: number[]; width: number; cost: number } = best;
    for (const index of chosen.corners) {
      const cell = table.cells[index] as number;
      if (!status[cell]) status[cell] = secondaryStatus;
      const known = safe.get(cell);
      if (!known || known.upper - known.lower < chosen.width)
        safe.set(cell, { lower: 0, upper: chosen.width });
    }
  }
  // Every hidden cell is a corner of some box (primaries got one; the rest were hidden as corners).
  return true;
}
