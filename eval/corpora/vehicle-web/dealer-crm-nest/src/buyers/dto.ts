import { IsArray, IsOptional, IsString, Length, ValidateNested } from 'class-validator';

export class CreateExportBuyerDto {
  @IsString()
  fullName!: string;

  @Length(2, 2)
  nationality!: string;

  @IsString()
  passportNo!: string;

  @IsOptional()
  @IsString()
  driverLicenseNo?: string;

  @IsOptional()
  @IsString()
  reservedVin?: string;

  @IsString()
  salesAdvisorId!: string;
}

export class ImportBuyersDto {
  @IsArray()
  @ValidateNested({ each: true })
  rows!: CreateExportBuyerDto[];
}

export class KioskCaptureDto {
  @IsString()
  faceImageBase64!: string;
}

export interface PassportCheckResult {
  documentNumber: string;
  status: 'clear' | 'review' | 'rejected';
  watchlistHits: number;
  checkedAt: string;
}

export interface CameraSighting {
  cameraId: string;
  ts: number;
  ageBand: string;
  gender: 'm' | 'f' | 'u';
  matchScore: number;
  faceSnapshot: string;
}

export interface TestDriveParty {
  bookingId: string;
  buyerId: string;
  buyerFaceDescriptor: number[];
  companion?: {
    id: string;
    faceDescriptor: number[];
  };
}
