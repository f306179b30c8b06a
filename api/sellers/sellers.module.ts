import { Global, Module } from '@nestjs/common';
import { SellersController } from './sellers.controller';
import { SellersRepository } from './sellers.repository';
import { SellersService } from './sellers.service';

/** Global: escalations and reviews show the seller's profile, and reviews open from the directory. */
@Global()
@Module({ controllers: [SellersController], providers: [SellersRepository, SellersService], exports: [SellersRepository, SellersService] })
export class SellersModule {}
