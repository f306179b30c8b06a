import { Module } from '@nestjs/common';
import { CalibrationController } from './calibration/calibration.controller';
import { CalibrationRepository } from './calibration/calibration.repository';
import { CalibrationService } from './calibration/calibration.service';

/** Decision quality: calibration sessions, QA reports and scorecards. */
@Module({ controllers: [CalibrationController], providers: [CalibrationService, CalibrationRepository] })
export class QualityModule {}
