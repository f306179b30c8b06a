import { Module } from '@nestjs/common';
import { RosterController } from './roster.controller';
import { RosterService } from './roster.service';

/** RosterRepository and AccessService come from AppModule (global): the auth guard needs them too. */
@Module({ controllers: [RosterController], providers: [RosterService] })
export class RosterModule {}
