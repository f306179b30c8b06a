import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { BUCKETS, DEFAULT_BUCKET, DEFAULT_BUCKET_COUNT, DEFAULT_TIME_ZONE, MAX_BUCKETS, type Bucket } from '../period';
import { MetricsFilterQuery } from './metrics-filter.query';

/** An ISO 8601 date, or a date-time with an optional offset (what period.ts reads). */
const ISO_DATE_OR_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
/** The shape of an IANA zone name (Europe/Berlin, UTC, Etc/GMT+1); whether it exists is period.ts's check. */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/**
 * A metric over a period: the filters, the period [from, to) and its buckets. `from`, `to` and
 * `timeZone` are checked beyond their type by period.ts, which names the field in every problem.
 */
export class MetricsPeriodQuery extends MetricsFilterQuery {
  @ApiPropertyOptional({
    description: `Start of the period (inclusive): an ISO 8601 date (read as midnight in timeZone) or date-time (without an offset: read in timeZone). Default: the start of the bucket ${DEFAULT_BUCKET_COUNT - 1} buckets before the one that holds \`to\``,
    example: '2026-03-02',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(ISO_DATE_OR_DATE_TIME, { message: 'from must be an ISO 8601 date (2026-03-02) or date-time (2026-03-02T09:00 or with an offset)' })
  from?: string;

  @ApiPropertyOptional({ description: 'End of the period (exclusive), same forms as from. Default: now', example: '2026-05-25' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(ISO_DATE_OR_DATE_TIME, { message: 'to must be an ISO 8601 date (2026-05-25) or date-time (2026-05-25T09:00 or with an offset)' })
  to?: string;

  @ApiPropertyOptional({
    enum: BUCKETS,
    default: DEFAULT_BUCKET,
    description: `Series bucket: a calendar day, an ISO week (from Monday) or a month, in timeZone; at most ${MAX_BUCKETS} buckets`,
  })
  @IsOptional()
  @IsIn(BUCKETS as readonly string[], { message: `bucket must be one of: ${BUCKETS.join(', ')}` })
  bucket?: Bucket;

  @ApiPropertyOptional({ default: DEFAULT_TIME_ZONE, description: 'IANA time zone of the period and bucket boundaries', example: 'Europe/Berlin' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(ZONE_NAME, { message: 'timeZone must be an IANA time zone name such as UTC, Europe/Berlin or Asia/Tokyo' })
  timeZone?: string;
}
