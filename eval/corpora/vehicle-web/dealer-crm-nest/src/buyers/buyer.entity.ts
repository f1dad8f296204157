import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('export_buyers')
export class ExportBuyer {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column()
  fullName!: string;

  @Column({ length: 2 })
  nationality!: string;

  @Column()
  passportNo!: string;

  @Column({ nullable: true })
  driverLicenseNo?: string;

  @Column({ nullable: true })
  reservedVin?: string;

  @Column()
  salesAdvisorId!: string;

  @CreateDateColumn()
  createdAt!: Date;
}

@Entity('buyer_faces')
export class BuyerFace {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column()
  buyerId!: string;

  @Column('float4', { array: true })
  faceDescriptor!: number[];

  @Column({ type: 'timestamptz' })
  enrolledAt!: Date;
}

@Entity('biometric_consents')
export class BiometricConsent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column()
  buyerId!: string;

  @Column({ type: 'timestamptz', nullable: true })
  faceConsentAt?: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  faceConsentRevokedAt?: Date | null;
}
