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
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date', description: "First day on the team (YYYY-MM-DD); null when not recorded" })
  startedOn!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) lastAssignedAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class RosterListResponse {
  @ApiProperty({ type: [RosterMemberResponse] }) members!: RosterMemberResponse[];
}

export class ReleasedCase {
  @ApiProperty() caseId!: string;
  @ApiProperty({ enum: CASE_KINDS }) kind!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ description: 'The case state after the release' }) state!: string;
}

export class UnreleasedCase {
  @ApiProperty() caseId!: string;
  @ApiProperty({ enum: CASE_KINDS }) kind!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty({ description: 'Error code, as in error responses (forbidden, invalid_transition, not_found, unavailable, ...)' }) code!: string;
  @ApiProperty() reason!: string;
}

/** The out-of-office hand-back started by an update that put a member out of office. */
export class HandBackStartedResponse {
  @ApiProperty({ description: "The hand-back workflow's id" }) handBackId!: string;
  @ApiProperty({ example: 'out_of_office (marked by max)' }) reason!: string;
  @ApiProperty({ example: '/hand-backs/hand-back-ana-1767261600000', description: 'Where to watch its progress' }) progress!: string;
}

/** A hand-back's progress: every open case of the member, released or not (and why). */
export class HandBackProgressResponse {
  @ApiProperty() handBackId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty({ description: 'Who marked the absence: every release is made in their name' }) markedBy!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['listing', 'releasing', 'done'] }) status!: string;
  @ApiProperty({ description: 'Open cases the member held when the hand-back looked' }) total!: number;
  @ApiProperty({ type: [ReleasedCase] }) released!: ReleasedCase[];
  @ApiProperty({ type: [UnreleasedCase] }) notReleased!: UnreleasedCase[];
  @ApiProperty() startedAt!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) finishedAt!: string | null;
}

export class UpdateMemberResponse {
  @ApiProperty({ type: RosterMemberResponse }) member!: RosterMemberResponse;
  @ApiPropertyOptional({
    type: HandBackStartedResponse,
    nullable: true,
    description: 'Set when the update put the member out of office: the hand-back of their open cases to the queue, running',
  })
  offeredBack!: HandBackStartedResponse | null;
}
