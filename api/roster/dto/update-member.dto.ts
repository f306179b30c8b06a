import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CASE_KINDS, ROLES, type CaseKind, type Role } from '../../../workflows/common/actor';

/** Given, not null: `@IsOptional` would also let an explicit null through, which these fields refuse. */
const Given = () => ValidateIf((_o, value) => value !== undefined);

/** Each list given replaces that list; lists not given are kept. */
export class UpdateSkillsDto {
  @ApiPropertyOptional({ enum: CASE_KINDS, isArray: true })
  @Given()
  @IsArray()
  @ArrayMaxSize(CASE_KINDS.length)
  @ArrayUnique()
  @IsIn(CASE_KINDS as readonly string[], { each: true, message: `each of kinds must be one of: ${CASE_KINDS.join(', ')}` })
  kinds?: CaseKind[];

  @ApiPropertyOptional({ example: ['DE', 'FR'], description: 'Two-letter upper-case marketplace codes' })
  @Given()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(/^[A-Z]{2}$/, { each: true, message: 'each of marketplaces must be a two-letter upper-case code such as DE or US' })
  marketplaces?: string[];

  @ApiPropertyOptional({ example: ['de', 'en'], description: 'ISO 639 language codes' })
  @Given()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(/^[a-z]{2,3}$/, { each: true, message: 'each of languages must be a two- or three-letter lower-case ISO 639 code such as de' })
  languages?: string[];
}

/** A partial update: only the fields given change. At least one is required. */
export class UpdateMemberDto {
  @ApiPropertyOptional({ enum: ROLES })
  @Given()
  @IsIn(ROLES as readonly string[], { message: `role must be one of: ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ type: UpdateSkillsDto })
  @Given()
  @ValidateNested()
  @Type(() => UpdateSkillsDto)
  skills?: UpdateSkillsDto;

  @ApiPropertyOptional({ minimum: 0, maximum: 500, description: 'The most active cases the member should hold' })
  @Given()
  @IsInt({ message: 'capacity must be a whole number' })
  @Min(0, { message: 'capacity must be at least 0' })
  @Max(500, { message: 'capacity must be at most 500' })
  capacity?: number;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2026-06-01T09:00:00Z',
    description: 'Out of office until this instant; null clears it. Setting a future instant offers the member\'s open escalations back to the queue',
  })
  @ValidateIf((_o, value) => value !== undefined && value !== null)
  @IsISO8601({ strict: true }, { message: 'outOfOfficeUntil must be an ISO-8601 date-time with an offset, such as 2026-06-01T09:00:00Z, or null' })
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: 'outOfOfficeUntil must be an ISO-8601 date-time with an offset, such as 2026-06-01T09:00:00Z, or null',
  })
  outOfOfficeUntil?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    format: 'date',
    example: '2026-01-05',
    description: "The member's first day on the team (YYYY-MM-DD); null clears it. New starters are QA-sampled at a higher rate",
  })
  @ValidateIf((_o, value) => value !== undefined && value !== null)
  @Matches(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'startedOn must be a date such as 2026-01-05, or null' })
  @IsISO8601({ strict: true }, { message: 'startedOn must be a date such as 2026-01-05, or null' })
  startedOn?: string | null;

  @ApiPropertyOptional({ description: "Told when a handoff to the member's team goes unanswered past its SLA" })
  @Given()
  @IsBoolean({ message: 'teamLead must be true or false' })
  teamLead?: boolean;

  @ApiPropertyOptional({ description: 'false deactivates the member: their tokens stop working at once' })
  @Given()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}
