/**
 * One CSV field per RFC 4180: quoted when it holds a comma, a quote or a line break, quotes
 * doubled. Text a spreadsheet would run as a formula (= + - @, tab, CR) gets a leading
 * apostrophe with guardFormula, since people open these files in spreadsheets; phones (which
 * start with +) are written unguarded and checked by the caller instead.
 */
export function csvField(value: string, { guardFormula = false } = {}): string {
  const safe = guardFormula && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
