import { Module } from '@nestjs/common';
import { CalibrationController } from './calibration/calibration.controller';
import { CalibrationRepository } from './calibration/calibration.repository';
import { CalibrationService } from './calibration/calibration.service';
import { PeerReviewController } from './peer-review/peer-review.controller';
import { PeerReviewService } from './peer-review/peer-review.service';
import { QualityReportsController } from './reports/quality-reports.controller';
import { QualityReportsRepository } from './reports/quality-reports.repository';
import { QualityReportsService } from './reports/quality-reports.service';

/** Decision quality: calibration sessions, QA reports and scorecards. */
@Module({
  controllers: [CalibrationController, QualityReportsController, PeerReviewController],
  providers: [CalibrationService, CalibrationRepository, QualityReportsService, QualityReportsRepository, PeerReviewService],
})
export class QualityModule {}
