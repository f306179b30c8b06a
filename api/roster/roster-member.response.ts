import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CASE_KINDS, ROLES } from '../../workflows/common/actor';

export class MemberSkillsResponse {
  @ApiProperty({ enum: CASE_KINDS, isArray: true }) kinds!: string[];
  @ApiProperty({ type: [String] }) marketplaces!: string[];
  @ApiProperty({ type: [String] }) languages!: string[];
}

/** A roster member as the API shows it; built by the mapper, never an entity. */
export class RosterMemberResponse {
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty() team!: string;
  @ApiProperty({ type: MemberSkillsResponse }) skills!: MemberSkillsResponse;
  @ApiProperty({ description: 'The most active cases the member should hold' }) capacity!: number;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'ISO-8601; null when not set' })
  outOfOfficeUntil!: string | null;
  @ApiProperty({ description: 'Out of office at the time of the response' }) outOfOffice!: boolean;
  @ApiProperty() active!: boolean;
  @ApiProperty() teamLead!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true }) lastAssignedAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class RosterListResponse {
  @ApiProperty({ type: [RosterMemberResponse] }) members!: RosterMemberResponse[];
}

export class ReleasedCase {
  @ApiProperty() caseId!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ description: 'The case state after the release' }) state!: string;
}

export class UnreleasedCase {
  @ApiProperty() caseId!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ description: 'Error code, as in error responses (forbidden, invalid_transition, not_found, ...)' }) code!: string;
  @ApiProperty() reason!: string;
}

/** What happened to a member's open escalations when they were set out of office. */
export class OfferedBackResponse {
  @ApiProperty({ example: 'out_of_office' }) reason!: string;
  @ApiProperty({ type: [ReleasedCase] }) released!: ReleasedCase[];
  @ApiProperty({ type: [UnreleasedCase] }) notReleased!: UnreleasedCase[];
}

export class UpdateMemberResponse {
  @ApiProperty({ type: RosterMemberResponse }) member!: RosterMemberResponse;
  @ApiPropertyOptional({
    type: OfferedBackResponse,
    nullable: true,
    description: 'Set when the update put the member out of office: their open escalations, offered back to the queue',
  })
  offeredBack!: OfferedBackResponse | null;
}
