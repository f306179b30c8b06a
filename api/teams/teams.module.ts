import { Global, Module } from '@nestjs/common';
import { TeamDirectory } from './team-directory.service';
import { TeamsController } from './teams.controller';
import { TeamsRepository } from './teams.repository';
import { TeamsService } from './teams.service';

/** Global: case creation (escalations) and the workload read the team directory. */
@Global()
@Module({ controllers: [TeamsController], providers: [TeamsRepository, TeamsService, TeamDirectory], exports: [TeamDirectory] })
export class TeamsModule {}
