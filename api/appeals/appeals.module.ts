import { Module } from '@nestjs/common';
import { AppealOpener } from './appeal-opener.service';
import { AppealsController } from './appeals.controller';
import { AppealsService } from './appeals.service';
import { InboundEnforcementsController, SellerAppealsController } from './seller-appeals.controller';

@Module({
  controllers: [AppealsController, SellerAppealsController, InboundEnforcementsController],
  providers: [AppealOpener, AppealsService],
})
export class AppealsModule {}
