/**
 * The line of the file each data row starts on, kept compactly: in most registers the line is the
 * row number plus a constant (the header and any blank lines above the first row), and it only
 * shifts where a quoted cell holds a line break or a blank line sits between rows. So only the shifts
 * are stored, and a full array of 4 bytes per row only when there are very many of them.
 */
const MAX_SHIFTS = 100_000;

export class LineNumbers {
  private shiftRows: number[] = [];
  private shiftDeltas: number[] = [];
  private full: Uint32Array | null = null;
  private count = 0;

  /** Records the line of the next row; rows are numbered 0, 1, … in file order. */
  add(line: number): void {
    const row = this.count++;
    if (this.full !== null) {
      if (row === this.full.length) {
        const grown = new Uint32Array(Math.ceil(this.full.length * 1.5));
        grown.set(this.full);
        this.full = grown;
      }
      this.full[row] = line;
      return;
    }
    const delta = line - row;
    const last = this.shiftDeltas.length - 1;
    if (last >= 0 && this.shiftDeltas[last] === delta) return;
    if (this.shiftRows.length < MAX_SHIFTS) {
      this.shiftRows.push(row);
      this.shiftDeltas.push(delta);
      return;
    }
    const full = new Uint32Array(Math.max(1024, row * 2));
    for (let r = 0; r < row; r++) full[r] = this.lineOf(r);
    full[row] = line;
    this.full = full;
    this.shiftRows = [];
    this.shiftDeltas = [];
  }

  lineOf(row: number): number {
    if (this.full !== null) return this.full[row];
    let low = 0;
    let high = this.shiftRows.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.shiftRows[mid] <= row) low = mid;
      else high = mid - 1;
    }
    return row + this.shiftDeltas[low];
  }
}
