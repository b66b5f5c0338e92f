/**
 * The parts most pages are built from, so that each is written once: a titled section, the sentence
 * shown where a list is empty, and a data table with a caption, column headers and number columns
 * aligned for comparison. Text comes from the caller (already translated); numbers should come
 * formatted from `time.ts`'s formatter.
 */
import type { Child } from 'hono/jsx';

/**
 * A section of a page under its own heading, labelled by it for screen readers. `id` names the
 * section (for links to it, and the heading's id `<id>-heading`).
 */
export function Section(props: {
  id: string;
  title: string;
  /** h2 by default; h3 inside another section. */
  level?: 2 | 3;
  /** One or two sentences under the heading saying what the section is for. */
  lead?: Child;
  class?: string;
  children?: Child;
}) {
  const headingId = `${props.id}-heading`;
  const Heading = props.level === 3 ? 'h3' : 'h2';
  return (
    <section id={props.id} aria-labelledby={headingId} class={props.class}>
      <Heading id={headingId}>{props.title}</Heading>
      {props.lead ? <p class="lead">{props.lead}</p> : null}
      {props.children}
    </section>
  );
}

/** What a list or table shows when it has nothing in it: a sentence saying so, and what to do. */
export function EmptyState(props: { children?: Child }) {
  return <p class="empty-state">{props.children}</p>;
}

export interface Column<T> {
  header: Child;
  cell: (row: T, index: number) => Child;
  /** Right-aligned with tabular figures, for numbers to compare down the column. */
  numeric?: boolean;
  /** The cell that names the row (a `th scope="row"`), e.g. the person's reference. */
  rowHeader?: boolean;
  /** Shown to screen readers only, e.g. a column of buttons whose header would say nothing new. */
  hiddenHeader?: boolean;
  /** A class on the column's cells (not its header), e.g. `actions` for a cell of buttons. */
  cellClass?: string;
}

/**
 * A table of rows with one header per column, in a wrapper that scrolls sideways on a phone instead
 * of widening the page (and can be focused to scroll it with the keyboard). With no rows it shows `empty` instead (a table of headers says nothing).
 */
export function DataTable<T>(props: {
  columns: readonly Column<T>[];
  rows: readonly T[];
  /** The table's name; hidden from sight (but not from screen readers) when `captionHidden`. */
  caption?: string;
  captionHidden?: boolean;
  empty?: Child;
  class?: string;
  /** An attribute per row, e.g. to mark a row that needs attention. */
  rowClass?: (row: T) => string | undefined;
  /** `data-*` attributes per row, naming it for scripts and tests (e.g. `{ 'data-value': 'woman' }`). */
  rowData?: (row: T) => Record<`data-${string}`, string>;
}) {
  if (props.rows.length === 0 && props.empty !== undefined) return <EmptyState>{props.empty}</EmptyState>;
  return (
    // Focusable, so that keyboard users can scroll a table wider than a phone (WCAG 2.1.1).
    <div class="table-wrap" tabindex={0}>
      <table class={props.class}>
        {props.caption ? (
          <caption class={props.captionHidden ? 'visually-hidden' : undefined}>{props.caption}</caption>
        ) : null}
        <thead>
          <tr>
            {props.columns.map((col) => (
              <th scope="col" class={col.numeric ? 'number' : undefined}>
                {col.hiddenHeader ? <span class="visually-hidden">{col.header}</span> : col.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, i) => (
            <tr class={props.rowClass?.(row)} {...props.rowData?.(row)}>
              {props.columns.map((col) =>
                col.rowHeader ? (
                  <th scope="row" class={col.numeric ? 'number' : undefined}>
                    {col.cell(row, i)}
                  </th>
                ) : (
                  <td class={cellClass(col)}>{col.cell(row, i)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function cellClass(col: Column<never>): string | undefined {
  return [col.numeric ? 'number' : '', col.cellClass ?? ''].filter(Boolean).join(' ') || undefined;
}
