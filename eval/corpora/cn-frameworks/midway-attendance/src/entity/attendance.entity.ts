import { Entity, Column, PrimaryGeneratedColumn, CreateDateColumn } from 'typeorm';

@Entity('attendance')
export class Attendance {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'employee_id', nullable: true })
  employeeId?: number;

  @Column({ name: 'terminal_sn', length: 32 })
  terminalSn: string;

  @Column({ type: 'decimal', precision: 5, scale: 2 })
  score: number;

  @Column()
  matched: boolean;

  @CreateDateColumn({ name: 'punched_at' })
  punchedAt: Date;
}
