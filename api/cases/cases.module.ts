import { Global, Module } from '@nestjs/common';
import { CaseAccess } from './case-access.service';
import { CaseQueriesService } from './case-queries.service';
import { CasesController } from './cases.controller';
import { CasesRepository } from './cases.repository';

/** The read model shared by every case kind; each kind's module uses these to load, authorize and list. */
@Global()
@Module({
  controllers: [CasesController],
  providers: [CasesRepository, CaseAccess, CaseQueriesService],
  exports: [CasesRepository, CaseAccess, CaseQueriesService],
})
export class CasesModule {}
