import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The case as the API shows it; built by the mapper, never an entity. */
export class EscalationResponse {
  @ApiProperty() id!: string;
  @ApiProperty() workflowId!: string;
  @ApiProperty() state!: string;
  @ApiProperty() sellerId!: string;
  @ApiProperty() marketplace!: string;
  @ApiProperty() severity!: string;
  @ApiProperty() category!: string;
  @ApiProperty() summary!: string;
  @ApiPropertyOptional({ type: String, nullable: true }) team!: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) assigneeId!: string | null;
  @ApiProperty() breached!: boolean;
  @ApiProperty() createdBy!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}
