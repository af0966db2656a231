//! The PostgreSQL backend's the schema: the migrations, applied once in order, and a newer database refused.

use super::*;

/// The migrations, in order; the version of each is its place in this list, from 1. A database
/// whose newest applied version is above the last here was set up by a newer build and is refused.
const MIGRATIONS: &[&str] = &[include_str!("migrations/0001_records.sql")];

impl PgStore {
    /// Applies the migrations this database lacks, one transaction each, under a lock that makes
    /// processes starting together take turns.
    pub(super) async fn migrate(&self) -> Result<(), StoreError> {
        let mut client = self.pool.get().await.map_err(|e| self.error(e))?;
        let tx = client.transaction().await.map_err(|e| self.error(e))?;
        // One lock per schema: tests in schemas of their own do not wait for each other.
        exec(&tx, "SELECT pg_advisory_xact_lock(hashtext(current_schema()))", &[])
            .await
            .map_err(|e| self.error(e))?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version integer PRIMARY KEY,
                 applied_at timestamptz NOT NULL DEFAULT now()
             )",
        )
        .await
        .map_err(|e| self.error(e))?;
        let row = row_one(&tx, "SELECT coalesce(max(version), 0) FROM schema_migrations", &[])
            .await
            .map_err(|e| self.error(e))?;
        let found: i32 = row.get(0);
        let known = MIGRATIONS.len() as i32;
        if found > known {
            return Err(StoreError::NewerDatabase {
                server: self.shown.clone(),
                found: found as u32,
                supported: known as u32,
            });
        }
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let version = index as i32 + 1;
            tx.batch_execute(sql).await.map_err(|e| self.error(e))?;
            exec(&tx, "INSERT INTO schema_migrations (version) VALUES ($1)", &[&version])
                .await
                .map_err(|e| self.error(e))?;
            info!(version, "applied a database migration");
        }
        tx.commit().await.map_err(|e| self.error(e))
    }
}
