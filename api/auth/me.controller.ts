import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { DomainError, ErrorCode } from '../common/error-codes';
import { ErrorResponse } from '../common/error.response';
import { RosterRepository } from '../roster/roster.repository';
import { CurrentActor } from './current-actor.decorator';
import { ApiStandardErrors } from '../common/openapi/api-standard-errors.decorator';

export class MeResponse {
  @ApiProperty({ example: 'ana' }) userId!: string;
  @ApiProperty({ example: 'Ana Schmidt' }) name!: string;
  @ApiProperty({ example: 'specialist' }) role!: string;
  @ApiProperty({ example: 'seller-risk-eu' }) team!: string;
  @ApiProperty() teamLead!: boolean;
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('auth/me')
export class MeController {
  constructor(private readonly roster: RosterRepository) {}

  /** Anyone signed in may ask who they are: the console shows pages by role after a pasted token. */
  @Get()
  // Any signed-in member may ask who they are: no 403, no parameters to refuse.
  @ApiStandardErrors('401', '503')
  @ApiOperation({ summary: 'The caller as the roster knows them: name, role and team' })
  @ApiOkResponse({ type: MeResponse })
  @ApiResponse({ status: 401, type: ErrorResponse, description: 'Missing, malformed, expired or wrongly signed token, or not an active roster member' })
  async me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    const member = await this.roster.findActive(actor.userId);
    if (!member) throw new DomainError(ErrorCode.Unauthenticated, `user ${actor.userId} is not an active roster member`);
    return { userId: member.userId, name: member.displayName, role: member.role, team: member.team, teamLead: member.teamLead };
  }
}
