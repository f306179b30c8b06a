import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InboxSlaResponse } from './inbox-sla';

export class InboxCaseSummary {
  @ApiProperty() id!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() sellerId!: string;
  @ApiProperty() marketplace!: string;
  @ApiProperty() severity!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Escalations only' }) category!: string | null;
  @ApiProperty() state!: string;
  @ApiProperty() summary!: string;
  @ApiProperty() breached!: boolean;
}

/** Something a person or a team has to do on a case, and by when. */
export class InboxItemResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'work' }) kind!: string;
  @ApiProperty() title!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) assigneeId!: string | null;
  @ApiProperty() team!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) dueAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional({ type: InboxSlaResponse, nullable: true, description: "The SLA clock the task is due by: its warning point and deadline" })
  sla!: InboxSlaResponse | null;
  @ApiPropertyOptional({ type: InboxCaseSummary, nullable: true }) case!: InboxCaseSummary | null;
}

export class InboxPageResponse {
  @ApiProperty({ type: [InboxItemResponse], description: 'Soonest due first; tasks without a due time last' })
  items!: InboxItemResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
