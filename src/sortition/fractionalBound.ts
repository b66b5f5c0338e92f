/**
 * An upper bound on the current leximin level from the LP relaxation of the panel program.
 *
 * Every distribution over panels has expected counts that satisfy the panel constraints with
 * fractional counts, so "maximise the lowest open probability over fractional panels" can only do
 * better than over real ones. On real-shaped pools the two are often equal (integrality gap zero);
 * then column generation can stop as soon as its LP reaches this bound, and the relaxation's own
 * duals say which types are tight, with no exact pricing left to prove it: a type that sits at the
 * level in every fractional optimum also does in every real one, because real ones are among them.
 */
import { guarded, type Highs } from '../solver/highs.ts';
import { FIX_SLACK } from './distributionLp.ts';
import type { Instance } from './instance.ts';
import { PanelSpace } from './panelSpace.ts';

export class FractionalBound {
  private readonly space: PanelSpace;
  private readonly zCol: number;
  private readonly rowOfType: Int32Array;

  constructor(
    private readonly highs: Highs,
    private readonly instance: Instance,
    activeTypes: number[],
  ) {
    this.space = new PanelSpace(highs, instance);
    const model = this.space.model;
    const { types } = instance;
    this.rowOfType = new Int32Array(types.length).fill(-1);
    this.zCol = guarded('building the relaxation', () => model.getDimensions().numCols);
    guarded('building the relaxation', () => {
      model.clearIntegrality();
      model.addVar(-highs.infinity, highs.infinity);
      const costs = new Float64Array(this.zCol + 1);
      costs[this.zCol] = -1;
      model.changeColsCost({ kind: 'range', from: 0, to: this.zCol }, costs);
      let row = model.getDimensions().numRows;
      for (const t of activeTypes) {
        this.rowOfType[t] = row++;
        model.addRow(0, highs.infinity, { indices: [t, this.zCol], values: [1, -types[t].members.length] });
      }
    });
  }

  /** The bound on the level, and which open types are tight in the relaxation. */
  solve(): { bound: number; tight: number[] } {
    const model = this.space.model;
    return guarded('solving the relaxation', () => {
      const status = model.run().modelStatus;
      if (status !== this.highs.constants.modelStatus.optimal) {
        return { bound: Number.POSITIVE_INFINITY, tight: [] };
      }
      const solution = model.getSolution();
      const tight: number[] = [];
      this.rowOfType.forEach((row, t) => {
        if (row >= 0 && solution.rowDual[row] > 1e-9) tight.push(t);
      });
      return { bound: solution.colValue[this.zCol], tight };
    });
  }

  /** Type t is settled at `level`: its row keeps x_t ≥ n_t·level and leaves the objective. */
  fix(t: number, level: number): void {
    const row = this.rowOfType[t];
    if (row < 0) return;
    const n = this.instance.types[t].members.length;
    guarded('fixing in the relaxation', () => {
      this.space.model.changeCoefficient(row, this.zCol, 0);
      this.space.model.changeRowBounds(row, Math.max(0, n * (level - FIX_SLACK)), this.highs.infinity);
    });
    this.rowOfType[t] = -1;
  }

  dispose(): void {
    this.space.dispose();
  }
}
