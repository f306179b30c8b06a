import { Module } from '@nestjs/common';
import { BulkOperationsController } from './bulk-operations.controller';
import { BulkOperationsRepository } from './bulk-operations.repository';
import { BulkOperationsService } from './bulk-operations.service';

@Module({
  controllers: [BulkOperationsController],
  providers: [BulkOperationsService, BulkOperationsRepository],
})
export class BulkOperationsModule {}
