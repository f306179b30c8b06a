import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ROLES, type Role } from '../../../workflows/common/actor';

export class ListRosterQuery {
  @ApiPropertyOptional({ description: "Only this team. Managers and senior specialists default to (and may only ask for) their own team; operators see every team" })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  team?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES as readonly string[], { message: `role must be one of: ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Also list deactivated members' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeInactive must be true or false' })
  includeInactive?: boolean;
}
