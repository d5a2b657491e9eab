/** A plain text table: columns padded to their widest cell, numbers right-aligned. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[]
): string {
  const widths = headers.map((header, column) =>
    Math.max(width(header), ...rows.map(row => width(row[column] ?? '')))
  )
  const numeric = headers.map((_, column) =>
    rows.every(row => /^[\d.,\s×x✓✗≤≥<>()%+-]*$|^n\/a$/.test(row[column] ?? ''))
  )
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => pad(cell, widths[column]!, numeric[column]! && cells !== headers))
      .join('  ')
      .trimEnd()
  return [
    line(headers),
    widths.map(w => '-'.repeat(w)).join('  '),
    ...rows.map(row => line(row))
  ].join('\n')
}

/** Display width: code points, which is right for the ASCII, ✓, ✗ and ≤ used here. */
function width(text: string): number {
  return [...text].length
}

function pad(text: string, size: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, size - width(text)))
  return right ? fill + text : text + fill
}
