import { Body, Controller, Get, HttpCode, Logger, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import jwt from 'jsonwebtoken';
import { signAccessToken } from '../../platform/access-tokens';
import { DomainError, ErrorCode } from '../common/error-codes';
import { ErrorResponse } from '../common/error.response';
import { ApiSettings } from '../common/runtime';
import { RosterRepository } from '../roster/roster.repository';
import { DevTokenRequestDto, DevTokenResponse, DevUsersResponse } from './dev-sign-in.dto';
import { Public } from './public.decorator';
import { ApiStandardErrors } from '../common/openapi/api-standard-errors.decorator';
import { TokenIssuing } from '../common/rate-limit';

const OFF = { status: 404, type: ErrorResponse, description: 'Dev sign-in is off (DEV_SIGN_IN=false; the default outside NODE_ENV=development)' };

/**
 * Development sign-in for the web console: pick a roster member, get their token. Public by design
 * and therefore only on when DEV_SIGN_IN is (never in production); otherwise both routes are 404s,
 * as if they did not exist. Tokens are the ordinary ones: the guard still checks the roster.
 */
@ApiTags('auth')
@Public()
@Controller('auth')
export class DevSignInController {
  private readonly logger = new Logger('DevSignIn');

  constructor(
    private readonly settings: ApiSettings,
    private readonly roster: RosterRepository,
  ) {}

  @Get('dev-users')
  @ApiStandardErrors('404', '503')
  @ApiOperation({ summary: 'Development only: the active roster members one can sign in as' })
  @ApiOkResponse({ type: DevUsersResponse })
  @ApiResponse(OFF)
  async users(): Promise<DevUsersResponse> {
    this.requireOn();
    const members = await this.roster.list({});
    return { users: members.map((m) => ({ userId: m.userId, name: m.displayName, role: m.role, team: m.team })) };
  }

  @Post('dev-token')
  @HttpCode(200)
  // It issues tokens: rate-limited per client address like every token-issuing route.
  @TokenIssuing()
  @ApiStandardErrors('400', '404', '413', '415', '429', '503')
  @ApiOperation({ summary: 'Development only: an access token for an active roster member' })
  @ApiOkResponse({ type: DevTokenResponse })
  @ApiResponse({ status: 400, type: ErrorResponse, description: 'userId is missing or malformed, or not an active roster member (details.fields names it)' })
  @ApiResponse(OFF)
  async token(@Body() dto: DevTokenRequestDto): Promise<DevTokenResponse> {
    this.requireOn();
    const member = await this.roster.findActive(dto.userId);
    if (!member) {
      throw new DomainError(ErrorCode.ValidationFailed, `${dto.userId} is not an active roster member`, {
        fields: [{ field: 'userId', problems: ['must be an active roster member'] }],
      });
    }
    const { JWT_SECRET, JWT_TTL } = this.settings.config;
    if (!JWT_SECRET) throw new Error('JWT_SECRET is not configured');
    const token = signAccessToken(member.userId, JWT_SECRET, JWT_TTL);
    const exp = (jwt.decode(token) as { exp: number }).exp;
    this.logger.log({ event: 'dev_sign_in', userId: member.userId, role: member.role });
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
  }

  private requireOn(): void {
    if (!this.settings.config.DEV_SIGN_IN) throw new DomainError(ErrorCode.NotFound, 'Dev sign-in is off on this server');
  }
}
