import type { ReactNode } from 'react';

// The console's plain tables: a frame that scrolls sideways on a narrow screen, a caption or a
// label naming the table, and a header row of column names.

const FRAME = 'overflow-x-auto rounded-lg border border-slate-200 bg-white';

export function Table({
  columns,
  caption,
  label,
  className = `mt-6 ${FRAME}`,
  children,
}: {
  columns: readonly string[];
  /** Shown above the table, and its accessible name. */
  caption?: ReactNode;
  /** The accessible name when nothing is shown above it. */
  label?: string;
  /** The frame's classes: a bordered card by default. */
  className?: string;
  /** The body's rows. */
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <table className="w-full text-left text-sm" aria-label={label}>
        {caption && <caption className="px-3 py-2 text-left text-lg font-semibold">{caption}</caption>}
        <ColumnHeads columns={columns} />
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The header row: one column heading a name. */
export function ColumnHeads({ columns }: { columns: readonly string[] }) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50">
      <tr>
        {columns.map((h) => (
          <th key={h} scope="col" className="px-3 py-2 font-semibold">
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** The frame's classes with another top margin. */
export const tableFrame = (margin: string) => `${margin} ${FRAME}`;

/** A row's header cell naming a person: their name, a note in brackets, their email below. */
export function PersonCell({ name, note, email }: { name: string; note?: string | false; email: string }) {
  return (
    <th scope="row" className="px-3 py-3 font-normal">
      <div className="font-medium">
        {name}
        {note && <span className="text-slate-600"> ({note})</span>}
      </div>
      <div className="text-xs text-slate-600">{email}</div>
    </th>
  );
}
