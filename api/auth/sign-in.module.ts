import { Module } from '@nestjs/common';
import { DevSignInController } from './dev-sign-in.controller';
import { MeController } from './me.controller';

/** Who am I, and (in development) sign in as someone. RosterRepository and ApiSettings come from AppModule. */
@Module({ controllers: [DevSignInController, MeController] })
export class SignInModule {}
