import Database from 'better-sqlite3';

interface ProfileRow {
  driver_id: string;
  display_name: string;
  license_no: string;
  face_embedding: string | null;
  consent_at: string | null;
  consent_revoked_at: string | null;
}

export class ProfileStore {
  private readonly db: Database.Database;

  constructor(file = process.env.DMS_PROFILE_DB ?? '/var/lib/dms/profiles.db') {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS profiles (
        driver_id TEXT PRIMARY KEY, display_name TEXT, license_no TEXT, face_embedding TEXT,
        consent_at TEXT, consent_revoked_at TEXT, refreshed_at INTEGER
      );
      CREATE TABLE IF NOT EXISTS recognitions (driver_id TEXT, similarity REAL, at INTEGER);
      CREATE TABLE IF NOT EXISTS video_consents (driver_id TEXT PRIMARY KEY, granted_at TEXT, revoked_at TEXT);
    `);
  }

  all(): DriverProfile[] {
    const rows = this.db.prepare('SELECT * FROM profiles WHERE face_embedding IS NOT NULL').all() as ProfileRow[];
    return rows.map((r) => ({
      driverId: r.driver_id,
      displayName: r.display_name,
      licenseNo: r.license_no,
      faceEmbedding: JSON.parse(r.face_embedding ?? '[]') as number[],
      biometricConsentAt: r.consent_at,
      biometricConsentRevokedAt: r.consent_revoked_at,
    }));
  }

  insert(profile: DriverProfile): void {
    const sql = `INSERT OR REPLACE INTO profiles
      (driver_id, display_name, license_no, face_embedding, consent_at, consent_revoked_at) VALUES (?, ?, ?, ?, ?, ?)`;
    this.db.prepare(sql).run(
      profile.driverId,
      profile.displayName,
      profile.licenseNo,
      JSON.stringify(profile.faceEmbedding),
      profile.biometricConsentAt,
      profile.biometricConsentRevokedAt,
    );
  }

  refreshEmbedding(driverId: string, faceEmbedding: number[]): void {
    const sql = 'UPDATE profiles SET face_embedding = ?, refreshed_at = ? WHERE driver_id = ?';
    this.db.prepare(sql).run(JSON.stringify(faceEmbedding), Date.now(), driverId);
  }

  revoke(driverId: string): void {
    const sql = 'UPDATE profiles SET face_embedding = NULL, consent_revoked_at = ? WHERE driver_id = ?';
    this.db.prepare(sql).run(new Date().toISOString(), driverId);
  }

  recordRecognition(driverId: string, similarity: number): void {
    this.db.prepare('INSERT INTO recognitions (driver_id, similarity, at) VALUES (?, ?, ?)').run(driverId, similarity, Date.now());
  }

  hasCabinVideoUploadConsent(driverId: string): boolean {
    const row = this.db.prepare('SELECT granted_at, revoked_at FROM video_consents WHERE driver_id = ?').get(driverId) as
      | { granted_at: string | null; revoked_at: string | null }
      | undefined;
    return Boolean(row?.granted_at) && !row?.revoked_at;
  }
}
