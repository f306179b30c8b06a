import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsNumber, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { bool } from '../../cases/dto/case-filter.query';
import { OffsetPageQuery } from '../../common/offset-page.query';

export class ListSellersQuery extends OffsetPageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @Transform(bool)
  @IsBoolean({ message: 'strategic must be true or false' })
  strategic?: boolean;

  @ApiPropertyOptional({ description: 'Part of the seller id or legal name' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export class DetectionSignalsDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 1, example: 0.04, description: 'Share of orders with a chargeback' })
  @IsOptional()
  @IsNumber({}, { message: 'chargebackRate must be a number from 0 to 1' })
  @Min(0)
  @Max(1)
  chargebackRate?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, example: 0.02, description: 'Share of orders with a defect' })
  @IsOptional()
  @IsNumber({}, { message: 'orderDefectRate must be a number from 0 to 1' })
  @Min(0)
  @Max(1)
  orderDefectRate?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, example: 0.7, description: "The listing-anomaly model's score" })
  @IsOptional()
  @IsNumber({}, { message: 'listingAnomalyScore must be a number from 0 to 1' })
  @Min(0)
  @Max(1)
  listingAnomalyScore?: number;
}

export class AssessSellerDto {
  @ApiPropertyOptional({ type: DetectionSignalsDto, description: "The detection teams' latest signals; omitted: the ones on record" })
  @IsOptional()
  @ValidateNested()
  @Type(() => DetectionSignalsDto)
  detection?: DetectionSignalsDto;
}
