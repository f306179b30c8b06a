import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export interface MemberSkills {
  kinds: string[];
  marketplaces: string[];
  languages: string[];
}

/** A person who works cases: their role decides what they may do, skills and capacity what they get. */
@Entity({ name: 'roster_members' })
@Index('ix_roster_members_team', ['team'])
export class RosterMemberEntity {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 100 })
  userId!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 32 })
  role!: string;

  @Column({ type: 'varchar', length: 64 })
  team!: string;

  @Column({ type: 'jsonb' })
  skills!: MemberSkills;

  /** The most active cases this person should hold at once. */
  @Column({ type: 'integer' })
  capacity!: number;

  @Column({ name: 'out_of_office_until', type: 'timestamptz', nullable: true })
  outOfOfficeUntil!: Date | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** Told when a handoff addressed to the team goes unanswered past its SLA. */
  @Column({ name: 'team_lead', type: 'boolean', default: false })
  teamLead!: boolean;

  /** The member's first day on the team (YYYY-MM-DD): their tenure sets QA sampling rates and who may review them. */
  @Column({ name: 'started_on', type: 'date', nullable: true })
  startedOn!: string | null;

  @Column({ name: 'last_assigned_at', type: 'timestamptz', nullable: true })
  lastAssignedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
