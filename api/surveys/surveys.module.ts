import { Module } from '@nestjs/common';
import { SellerSurveysController } from './seller-surveys.controller';
import { SurveysService } from './surveys.service';

@Module({ controllers: [SellerSurveysController], providers: [SurveysService] })
export class SurveysModule {}
