import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CURRENT_PLAYBOOK_VERSIONS, PLAYBOOKS, TIERS } from '../../workflows/strategic-review/playbooks';
import { AccessService } from '../auth/access.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ErrorResponse } from '../common/error.response';

export class PlaybookCatalogResponse {
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Tiers in the order they are tried: { id, title, when: { strategic?, minAnnualSales? }, playbookId }' })
  tiers!: unknown[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Every published version of every playbook: checks, slaSeverity, approval, consultation, autoOpenBand, changeNote' })
  playbooks!: unknown[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'The version new reviews start on, per playbook' })
  current!: Record<string, number>;
}

/** The tiers and playbooks as configured (workflows/strategic-review/playbooks.ts): what a reviewer works to. */
@ApiTags('strategic reviews')
@Controller('playbooks')
export class PlaybooksController {
  constructor(private readonly access: AccessService) {}

  @Get()
  @ApiOperation({ summary: 'Tiers, every playbook version and the current ones (whoever may view reviews)' })
  @ApiOkResponse({ type: PlaybookCatalogResponse })
  @ApiResponse({ status: 401, type: ErrorResponse, description: 'No valid token' })
  @ApiResponse({ status: 403, type: ErrorResponse, description: 'The caller may not view reviews' })
  catalog(@CurrentActor() actor: Actor): PlaybookCatalogResponse {
    this.access.require(actor, 'sellers.view', { kind: 'sellers' });
    return { tiers: [...TIERS], playbooks: [...PLAYBOOKS], current: { ...CURRENT_PLAYBOOK_VERSIONS } };
  }
}
