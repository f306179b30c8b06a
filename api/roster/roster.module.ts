import { Module } from '@nestjs/common';
import { HandBackController } from './hand-back.controller';
import { HandBackService } from './hand-back.service';
import { RosterController } from './roster.controller';
import { RosterService } from './roster.service';

/** RosterRepository and AccessService come from AppModule (global): the auth guard needs them too. */
@Module({ controllers: [RosterController, HandBackController], providers: [RosterService, HandBackService] })
export class RosterModule {}
