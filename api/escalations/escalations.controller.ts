import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { CreateEscalationDto } from './dto/create-escalation.dto';
import { EscalationResponse } from './escalation.response';
import { EscalationsService } from './escalations.service';

@ApiTags('escalations')
@Controller('escalations')
export class EscalationsController {
  constructor(private readonly escalations: EscalationsService) {}

  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replaying a key returns the case it created' })
  @ApiCreatedResponse({ type: EscalationResponse })
  create(
    @Body() dto: CreateEscalationDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<EscalationResponse> {
    return this.escalations.create(dto, actor, idempotencyKey?.trim() || undefined);
  }

  @Get(':id')
  @ApiOkResponse({ type: EscalationResponse })
  get(@Param('id', new ParseUUIDPipe({ version: undefined })) id: string): Promise<EscalationResponse> {
    return this.escalations.get(id);
  }
}
