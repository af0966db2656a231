//! The PostgreSQL backend's check-ins: the record and its due index, changed in one transaction; the scheduler's scan and claim.

use super::*;

impl PgStore {
    pub(super) async fn checkins_op(&self, user: &UserId) -> Result<Option<CheckinRecord>, StoreError> {
        let client = self.pool.get().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        let row = row_opt(
            &client,
            "SELECT body FROM advisor_records WHERE user_id = $1 AND key = $2",
            &[&id, &record::CHECKINS],
        )
        .await
        .map_err(|e| self.error(e))?;
        match row {
            Some(row) => Ok(Some(record::decode(user, &Kind::Checkins.label(), row.get(0))?)),
            None => Ok(None),
        }
    }

    /// As [`Store::update_checkins`]; `change` runs once, with the user's row locked. The record
    /// and its due row change in one transaction: while check-ins are on, the row holds the
    /// record's `next_due`; a row whose time is unchanged keeps its claim, a new time starts
    /// unclaimed; off (or deleted) removes it.
    pub(super) async fn update_checkins_op(
        &self,
        user: &UserId,
        change: &mut (dyn FnMut(Option<CheckinRecord>) -> Option<CheckinRecord> + Send + '_),
    ) -> Result<Option<CheckinRecord>, StoreError> {
        let mut client = self.pool.get().await.map_err(|e| self.error(e))?;
        let tx = client.transaction().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        let key = record::CHECKINS;
        self.lock_user(&tx, id).await?;
        let stored = self.record_body(&tx, id, key).await?;
        // A record this build cannot read (newer or damaged) is never written over.
        let current: Option<CheckinRecord> = match &stored {
            Some(bytes) => Some(record::decode(user, &Kind::Checkins.label(), bytes)?),
            None => None,
        };
        let next = change(current);
        let new_bytes = next.as_ref().map(record::encode);
        if new_bytes != stored {
            self.put_record(&tx, id, key, new_bytes.as_deref()).await?;
        }
        let due = match next.as_ref().and_then(|r| r.next_due.filter(|_| r.on)) {
            Some(at) => {
                let at = i64::try_from(at).map_err(|_| StoreError::BadRecord {
                    user: user.clone(),
                    key: Kind::Checkins.label(),
                    detail: format!("a due time out of range ({at})"),
                })?;
                exec(
                    &tx,
                    "INSERT INTO advisor_checkin_due (user_id, due_at) VALUES ($1, $2)
                     ON CONFLICT (user_id) DO UPDATE SET due_at = EXCLUDED.due_at,
                         claimed_at = CASE WHEN advisor_checkin_due.due_at = EXCLUDED.due_at
                                           THEN advisor_checkin_due.claimed_at END",
                    &[&id, &at],
                )
                .await
            }
            None => exec(&tx, "DELETE FROM advisor_checkin_due WHERE user_id = $1", &[&id]).await,
        };
        due.map_err(|e| self.error(e))?;
        tx.commit().await.map_err(|e| self.error(e))?;
        debug!(user = %user, on = next.as_ref().is_some_and(|r| r.on), "check-ins updated");
        Ok(next)
    }

    /// Every unclaimed check-in due at or before `at`, as (user, due time), earliest first.
    pub(super) async fn due_op(&self, at: u64) -> Result<Vec<(UserId, u64)>, StoreError> {
        let client = self.pool.get().await.map_err(|e| self.error(e))?;
        let rows = rows_of(
            &client,
            "SELECT user_id, due_at FROM advisor_checkin_due
                 WHERE due_at <= $1 AND claimed_at IS NULL ORDER BY due_at, user_id",
            &[&i64::try_from(at).unwrap_or(i64::MAX)],
        )
        .await
        .map_err(|e| self.error(e))?;
        Ok(rows
            .into_iter()
            .filter_map(|row| {
                let due: i64 = row.get(1);
                String::from_utf8(row.get(0)).ok().map(|id| (UserId(id), due as u64))
            })
            .collect())
    }

    /// Claims `user`'s check-in due at `due_at`: true for exactly one caller across every process.
    /// One conditional UPDATE: racing claimers queue on the row's lock, and each one after the
    /// first re-reads the row it waited for, finds it claimed and updates nothing. (A `SELECT ...
    /// FOR UPDATE SKIP LOCKED` first would also report false while a reschedule holds the row,
    /// for an entry nobody has claimed.)
    pub(super) async fn claim_op(&self, user: &UserId, due_at: u64) -> Result<bool, StoreError> {
        let Ok(due) = i64::try_from(due_at) else {
            return Ok(false);
        };
        let client = self.pool.get().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        let claimed = exec(
            &client,
            "UPDATE advisor_checkin_due SET claimed_at = extract(epoch FROM now())::bigint
             WHERE user_id = $1 AND due_at = $2 AND claimed_at IS NULL",
            &[&id, &due],
        )
        .await
        .map_err(|e| self.error(e))?;
        if claimed == 1 {
            debug!(user = %user, due_at, "check-in claimed");
        }
        Ok(claimed == 1)
    }
}
