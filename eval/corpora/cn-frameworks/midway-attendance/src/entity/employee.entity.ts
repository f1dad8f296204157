import { Entity, Column, PrimaryColumn, PrimaryGeneratedColumn, CreateDateColumn, UpdateDateColumn } from 'typeorm';

@Entity('employee')
export class Employee {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'employee_no', length: 16, unique: true })
  employeeNo: string;

  @Column({ length: 32 })
  name: string;

  @Column({ name: 'id_card_no', length: 18 })
  idCardNo: string;

  @Column({ name: 'dept_code', length: 16 })
  deptCode: string;

  @Column({ name: 'privacy_agreed', default: false })
  privacyAgreed: boolean;

  @Column({ name: 'face_photo', type: 'mediumtext', nullable: true })
  facePhoto?: string;

  @Column({ name: 'face_enrolled', default: false })
  faceEnrolled: boolean;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}

/** 《人脸信息处理单独同意书》签署记录 */
@Entity('biometric_consent')
export class BiometricConsent {
  @PrimaryColumn({ name: 'employee_id' })
  employeeId: number;

  @Column({ name: 'face_agreed_at', type: 'datetime', nullable: true })
  faceAgreedAt?: Date;

  @Column({ name: 'revoked_at', type: 'datetime', nullable: true })
  revokedAt?: Date;

  @Column({ name: 'form_version', length: 16 })
  formVersion: string;
}
