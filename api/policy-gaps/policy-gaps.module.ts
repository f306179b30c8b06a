import { Module } from '@nestjs/common';
import { PolicyGapsController } from './policy-gaps.controller';
import { PolicyGapsService } from './policy-gaps.service';

@Module({ controllers: [PolicyGapsController], providers: [PolicyGapsService] })
export class PolicyGapsModule {}
