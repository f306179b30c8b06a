import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One routing rule of an active case team: a marketplace, for one category or (category null) for
 * every category. Derived from the team row by the teams service in the same transaction; the unique
 * index is what guarantees that no two active teams claim the same rule, even under concurrent edits.
 */
@Entity({ name: 'team_routes' })
@Index('ix_team_routes_team', ['teamId'])
export class TeamRouteEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'team_id', type: 'varchar', length: 64 })
  teamId!: string;

  @Column({ type: 'varchar', length: 2 })
  marketplace!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  category!: string | null;
}
