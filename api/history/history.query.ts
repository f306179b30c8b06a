import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';

/** 'true' and 'false' in a query string become booleans; anything else is left for IsBoolean to refuse. */
const booleanFlag = Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/** What every history route takes. */
export class HistoryQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Leave out workflow-task bookkeeping events' })
  @IsOptional()
  @booleanFlag
  @IsBoolean({ message: 'compact must be true or false' })
  compact?: boolean;

  @ApiPropertyOptional({ description: "A run of the case's workflow (one of the response's `runs`); default: every run" })
  @IsOptional()
  @IsUUID('all', { message: "runId must be a run id (a UUID) from the history's runs" })
  runId?: string;
}

/** GET /escalations/{id}/history. */
export class EscalationHistoryQuery extends HistoryQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: "Also render each handoff workflow's history" })
  @IsOptional()
  @booleanFlag
  @IsBoolean({ message: 'handoffs must be true or false' })
  handoffs?: boolean;
}

/** GET /cases/{id}/history. */
export class CaseHistoryQuery extends HistoryQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'Also render every child workflow the shown runs started (handoffs, enforcement sagas, QA reviews)' })
  @IsOptional()
  @booleanFlag
  @IsBoolean({ message: 'children must be true or false' })
  children?: boolean;
}
