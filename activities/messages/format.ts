import type { NoticeParams } from '../../workflows/common/case-projection';

/** Reads of a notice's params that never throw: a missing fact renders as a neutral word, not "undefined". */
export class Facts {
  constructor(
    private readonly params: NoticeParams,
    readonly locale: string,
  ) {}

  text(key: string, fallback = ''): string {
    const v = this.params[key];
    return v === null || v === undefined ? fallback : String(v);
  }

  /** An epoch-ms param as a date and time in UTC, in the reader's language. */
  date(key: string): string {
    const v = this.params[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) return '';
    return `${new Intl.DateTimeFormat(this.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(v)} UTC`;
  }

  /** A code such as `first_response` as words: "first response". */
  words(key: string, fallback = ''): string {
    return this.text(key, fallback).replace(/_/g, ' ');
  }
}
