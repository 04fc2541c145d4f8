import en from './en.json';
import fr from './fr.json';

/** A translation catalogue: nested objects of strings. */
export type Catalogue = { [key: string]: string | Catalogue };

/**
 * Each feature may keep its strings in its own pair of files next to the main ones
 * (`replies.en.json`, `replies.fr.json`), so that features grow without editing one shared file;
 * they are merged into one catalogue per language here. Two files defining the same string is a
 * mistake, reported at start-up rather than silently resolved.
 */
const featureFiles = import.meta.glob<Catalogue>('./*.*.json', { eager: true, import: 'default' });

export function mergeCatalogues(base: Catalogue, extra: Catalogue, path = ''): Catalogue {
  const merged: Catalogue = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const at = path === '' ? key : `${path}.${key}`;
    const existing = merged[key];
    if (existing === undefined) merged[key] = value;
    else if (typeof existing !== 'string' && typeof value !== 'string') merged[key] = mergeCatalogues(existing, value, at);
    else throw new Error(`The translation "${at}" is defined twice.`);
  }
  return merged;
}

function catalogue(language: 'en' | 'fr', base: Catalogue): Catalogue {
  let merged = base;
  for (const [file, strings] of Object.entries(featureFiles).sort(([a], [b]) => a.localeCompare(b))) {
    if (file.endsWith(`.${language}.json`)) merged = mergeCatalogues(merged, strings);
  }
  return merged;
}

export const catalogues = { en: catalogue('en', en), fr: catalogue('fr', fr) } as const;
