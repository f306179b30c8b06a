import type { NoticeParams } from '../../workflows/common/case-projection';
import { DE } from './catalog.de';
import { EN } from './catalog.en';
import { Facts } from './format';

/** Languages with a catalog, and the locale their dates are written in. */
const CATALOGS: Record<string, { locale: string; texts: Record<string, (f: Facts) => string> }> = {
  en: { locale: 'en-GB', texts: EN },
  de: { locale: 'de-DE', texts: DE },
};

export const DEFAULT_LANGUAGE = 'en';

/**
 * The text of a notification in the reader's language (English when there is no catalog for it, or the
 * catalog lacks the template). An unknown template still yields a readable line, never an exception.
 */
export function renderNotice(template: string, params: NoticeParams, language?: string | null): string {
  const wanted = CATALOGS[(language ?? DEFAULT_LANGUAGE).toLowerCase().slice(0, 2)] ?? CATALOGS[DEFAULT_LANGUAGE];
  const catalog = wanted.texts[template] ? wanted : CATALOGS[DEFAULT_LANGUAGE];
  const text = catalog.texts[template];
  const fallback = `${template.replace(/_/g, ' ')} (case ${String(params.caseId ?? '')})`;
  if (!text) return fallback;
  try {
    return text(new Facts(params, catalog.locale));
  } catch {
    // A broken template must not stop the notification: the reader still learns what happened.
    return fallback;
  }
}

export function hasTemplate(template: string, language = DEFAULT_LANGUAGE): boolean {
  return Boolean(CATALOGS[language]?.texts[template]);
}
