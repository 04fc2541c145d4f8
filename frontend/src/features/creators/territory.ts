/** The name of a territory code in the user's language: a country, the EU, or worldwide. */
export function territoryName(code: string, locale: string, worldwide: string, eu: string): string {
  if (code === 'WW') return worldwide;
  if (code === 'EU') return eu;
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Territory codes as typed: trimmed, upper-cased, without repeats or blanks. */
export function tidyTerritories(codes: string[]): string[] {
  const out: string[] = [];
  for (const code of codes) {
    const tidy = code.trim().toUpperCase();
    if (tidy !== '' && !out.includes(tidy)) out.push(tidy);
  }
  return out;
}
