import { Global, Module } from '@nestjs/common';
import { PlaybooksController } from './playbooks.controller';
import { ReviewActionsController } from './review-actions.controller';
import { ReviewActionsService } from './review-actions.service';
import { ReviewOpener } from './review-opener.service';
import { ReviewsController } from './reviews.controller';
import { ReviewsService } from './reviews.service';

/** Global: escalations and the seller directory open reviews automatically through ReviewOpener. */
@Global()
@Module({
  controllers: [ReviewsController, ReviewActionsController, PlaybooksController],
  providers: [ReviewOpener, ReviewsService, ReviewActionsService],
  exports: [ReviewOpener],
})
export class ReviewsModule {}
