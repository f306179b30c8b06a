import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../../workflows/common/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { UuidParam } from '../common/uuid-param';
import { IdempotencyKey } from '../escalations/idempotency';
import { BulkOperationListResponse, BulkOperationResponse, BulkOperationStartedResponse } from './bulk-operation.response';
import { BulkOperationsService } from './bulk-operations.service';
import { BulkCommandDto } from './dto/bulk-command.dto';
import { ListBulkOperationsQuery } from './dto/list-bulk-operations.query';
import { StartBulkOperationDto } from './dto/start-bulk-operation.dto';

const Id = () => UuidParam('id');
const KEY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Replaying a key finds the batch (or the command) the first request made' };

/** Bulk operations: managers for their team, operators for any; each case is changed by its own update under the caller's identity. */
@ApiTags('bulk operations')
@Controller('bulk-operations')
export class BulkOperationsController {
  constructor(private readonly bulk: BulkOperationsService) {}

  @Post()
  @HttpCode(202)
  @ApiHeader(KEY_HEADER)
  @ApiOperation({ summary: 'Start a batch: the cases GET /cases would list for the filter (at most 500), each changed by the action under the caller\'s identity' })
  @ApiAcceptedResponse({ type: BulkOperationStartedResponse })
  start(@Body() dto: StartBulkOperationDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string): Promise<BulkOperationStartedResponse> {
    return this.bulk.start(actor, dto, key);
  }

  @Get()
  @ApiOperation({ summary: 'Batches, newest first (managers: their team\'s; operators: every team\'s)' })
  @ApiOkResponse({ type: BulkOperationListResponse })
  list(@Query() query: ListBulkOperationsQuery, @CurrentActor() actor: Actor): Promise<BulkOperationListResponse> {
    return this.bulk.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One batch: status, progress and each case\'s result (done, or refused with the case\'s reason)' })
  @ApiOkResponse({ type: BulkOperationResponse })
  get(@Id() id: string, @CurrentActor() actor: Actor): Promise<BulkOperationResponse> {
    return this.bulk.get(actor, id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiHeader(KEY_HEADER)
  @ApiOperation({ summary: 'Pause a running batch: cases already sent finish, no more are sent until resume' })
  @ApiOkResponse({ type: BulkOperationResponse })
  pause(@Id() id: string, @Body() dto: BulkCommandDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string): Promise<BulkOperationResponse> {
    return this.bulk.command(actor, id, 'pause', dto, key);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiHeader(KEY_HEADER)
  @ApiOperation({ summary: 'Resume a paused batch' })
  @ApiOkResponse({ type: BulkOperationResponse })
  resume(@Id() id: string, @Body() dto: BulkCommandDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string): Promise<BulkOperationResponse> {
    return this.bulk.command(actor, id, 'resume', dto, key);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiHeader(KEY_HEADER)
  @ApiOperation({ summary: 'Cancel a running or paused batch: cases not yet sent are never sent (changes already made stay)' })
  @ApiOkResponse({ type: BulkOperationResponse })
  cancel(@Id() id: string, @Body() dto: BulkCommandDto, @CurrentActor() actor: Actor, @IdempotencyKey() key?: string): Promise<BulkOperationResponse> {
    return this.bulk.command(actor, id, 'cancel', dto, key);
  }
}
