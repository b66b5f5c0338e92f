/**
 * What a check of a panel, a lottery or a draw's transcript found wrong: a stable code and its
 * parameters, which the platform words in the reader's language (messages/{sv,en}/draw_problems.json),
 * and the same in English, which the command line prints and the checks' callers compare. Pure.
 */
export interface CheckProblem {
  code: string;
  params: Record<string, string | number>;
  /** The problem in English. */
  message: string;
  /** Set when the problem is in one of a lottery's panels: its index, from 0. */
  panel?: number;
}

/** Collects problems in the order they are found. */
export class ProblemList {
  readonly found: CheckProblem[] = [];

  add(code: string, params: Record<string, string | number>, message: string): void {
    this.found.push({ code, params, message });
  }

  /** A problem from an error thrown by a step of the check (its message is English). */
  addError(code: string, error: unknown, prefix = ''): void {
    const detail = error instanceof Error ? error.message : String(error);
    this.add(code, { detail }, `${prefix}${detail}`);
  }

  get messages(): string[] {
    return this.found.map((p) => p.message);
  }
}
