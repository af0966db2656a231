//! The PostgreSQL backend's the records: read, write, set aside, fold, export and forget a user's rows, one transaction each.

use super::*;

impl PgStore {
    /// The stored body of one record row of the user, in the caller's transaction.
    pub(super) async fn record_body(
        &self,
        tx: &impl GenericClient,
        id: &[u8],
        key: &[u8],
    ) -> Result<Option<Vec<u8>>, StoreError> {
        Ok(row_opt(
            tx,
            "SELECT body FROM advisor_records WHERE user_id = $1 AND key = $2",
            &[&id, &key],
        )
        .await
        .map_err(|e| self.error(e))?
        .map(|row| row.get(0)))
    }

    /// Writes one record row of the user (None deletes it), in the caller's transaction.
    pub(super) async fn put_record(
        &self,
        tx: &impl GenericClient,
        id: &[u8],
        key: &[u8],
        body: Option<&[u8]>,
    ) -> Result<(), StoreError> {
        let written = match body {
            Some(body) => {
                exec(
                    tx,
                    "INSERT INTO advisor_records (user_id, key, body) VALUES ($1, $2, $3)
                     ON CONFLICT (user_id, key) DO UPDATE SET body = EXCLUDED.body",
                    &[&id, &key, &body],
                )
                .await
            }
            None => {
                exec(
                    tx,
                    "DELETE FROM advisor_records WHERE user_id = $1 AND key = $2",
                    &[&id, &key],
                )
                .await
            }
        };
        written.map(|_| ()).map_err(|e| self.error(e))
    }

    /// Makes sure `user` has a row and locks it until the transaction ends, in one statement:
    /// an upsert that updates takes the row lock, as `SELECT ... FOR UPDATE` would, and one that
    /// inserts holds the new row (also after a `forget` deleted it meanwhile).
    pub(super) async fn lock_user(&self, tx: &impl GenericClient, id: &[u8]) -> Result<(), StoreError> {
        exec(
            tx,
            "INSERT INTO advisor_users (user_id) VALUES ($1)
             ON CONFLICT (user_id) DO UPDATE SET user_id = EXCLUDED.user_id",
            &[&id],
        )
        .await
        .map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Every record of `user` as (key after the user's prefix, body), in key order.
    pub(super) async fn rows(&self, user: &UserId) -> Result<Vec<(Vec<u8>, Vec<u8>)>, StoreError> {
        let client = self.pool.get().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        let rows = rows_of(
            &client,
            "SELECT key, body FROM advisor_records WHERE user_id = $1 ORDER BY key",
            &[&id],
        )
        .await
        .map_err(|e| self.error(e))?;
        Ok(rows.into_iter().map(|row| (row.get(0), row.get(1))).collect())
    }

    /// As [`SledStore::load_with_skipped`](crate::store::SledStore::load_with_skipped), on the caller's
    /// runtime or this store's, within the operation's time limit (as every [`Store`] call).
    pub async fn load_with_skipped(&self, user: &UserId) -> Result<(UserData, Vec<StoreError>), StoreError> {
        self.on_runtime(self.read_with_skipped(user)).await
    }

    pub(super) async fn read_with_skipped(&self, user: &UserId) -> Result<(UserData, Vec<StoreError>), StoreError> {
        let mut data = UserData::default();
        let mut skipped = Vec::new();
        for (key, value) in self.rows(user).await? {
            let kind = Kind::of(&[], &key);
            match &kind {
                Kind::Interview => match record::decode(user, &kind.label(), &value) {
                    Ok(interview) => data.interview = Some(interview),
                    Err(e) if record::is_damaged(&e) => skipped.push(e),
                    Err(e) => return Err(e),
                },
                Kind::Settings => match record::decode(user, &kind.label(), &value) {
                    Ok(settings) => data.settings = settings,
                    Err(e) if record::is_damaged(&e) => skipped.push(e),
                    Err(e) => return Err(e),
                },
                Kind::Assessment { .. } => match record::decode::<Assessment>(user, &kind.label(), &value) {
                    Ok(assessment) => data.assessments.push(assessment),
                    Err(e) => skipped.push(e),
                },
                Kind::Checkins | Kind::CheckinDue { .. } | Kind::SetAside { .. } => {}
                Kind::Other(_) => debug!(user = %user, key = %kind.label(), "ignoring a record of unknown kind"),
            }
        }
        Ok((data, skipped))
    }

    pub(super) async fn load_op(&self, user: &UserId) -> Result<UserData, StoreError> {
        let (data, skipped) = self.read_with_skipped(user).await?;
        for err in &skipped {
            warn!(user = %user, error = %err, "skipped a record that could not be read");
        }
        Ok(data)
    }

    pub(super) async fn interview_op(&self, user: &UserId) -> Result<Option<Interview>, StoreError> {
        Ok(self.interview_seen_op(user).await?.0)
    }

    /// As [`Store::interview_seen`]: the interview with a copy of the bytes it was decoded from.
    pub(super) async fn interview_seen_op(&self, user: &UserId) -> Result<(Option<Interview>, Seen), StoreError> {
        let client = self.pool.get().await.map_err(|e| self.error(e))?;
        let key = suffix(user, record::interview_key(user));
        let id = user.0.as_bytes();
        match self.record_body(&client, id, &key).await? {
            Some(bytes) => match record::decode(user, &Kind::Interview.label(), &bytes) {
                Ok(interview) => Ok((Some(interview), Seen(Some(bytes.into())))),
                // As sled's: read as none, and set aside by the next answer.
                Err(err) if record::is_damaged(&err) => {
                    warn!(user = %user, error = %err, "an interview that cannot be read is passed over; the next answer sets it aside");
                    Ok((None, Seen::default()))
                }
                Err(err) => Err(err),
            },
            None => Ok((None, Seen::default())),
        }
    }

    /// As [`Store::update`]; `change` runs once, with the user's row locked, and the interview
    /// and the assessment it completes are committed in one transaction.
    pub(super) async fn update_op(
        &self,
        user: &UserId,
        change: &mut (dyn FnMut(Option<Interview>) -> Update + Send + '_),
    ) -> Result<Option<Interview>, StoreError> {
        self.update_seen_op(user, &None, &Seen::default(), change).await
    }

    /// As [`Store::update_seen`]: while the locked row still holds the bytes `seen` names, `change`
    /// is shown a clone of `read` instead of the row decoded a second time.
    pub(super) async fn update_seen_op(
        &self,
        user: &UserId,
        read: &Option<Interview>,
        seen: &Seen,
        change: &mut (dyn FnMut(Option<Interview>) -> Update + Send + '_),
    ) -> Result<Option<Interview>, StoreError> {
        let mut client = self.pool.get().await.map_err(|e| self.error(e))?;
        let tx = client.transaction().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        let key = suffix(user, record::interview_key(user));
        self.lock_user(&tx, id).await?;
        let stored = self.record_body(&tx, id, &key).await?;
        // A record this build cannot read (newer or damaged) is never written over.
        // The same bytes decode to the same interview: the caller's copy serves.
        // A damaged one is set aside, under a key of its own, before it is written over.
        let mut damaged = None;
        let current: Option<Interview> = match &stored {
            Some(bytes) if seen.0.as_deref() == Some(bytes.as_slice()) => read.clone(),
            Some(bytes) => match record::decode(user, &Kind::Interview.label(), bytes) {
                Ok(interview) => Some(interview),
                Err(err) if record::is_damaged(&err) => {
                    damaged = Some((err, bytes));
                    None
                }
                Err(err) => return Err(err),
            },
            None => None,
        };
        let update = change(current);
        let next = update.interview;
        let new_bytes = next.as_ref().map(record::encode);
        if new_bytes != stored {
            if let Some((err, bytes)) = damaged {
                self.set_aside(&tx, user, &Kind::Interview, bytes, &err).await?;
            }
            self.put_record(&tx, id, &key, new_bytes.as_deref()).await?;
        }
        if let Some(assessment) = &update.assessment {
            self.insert_assessment(&tx, user, assessment).await?;
        }
        tx.commit().await.map_err(|e| self.error(e))?;
        debug!(user = %user, deleted = next.is_none(), "interview updated");
        Ok(next)
    }

    /// As sled's: keeps the damaged record `bytes` of `user`'s `kind` under a set-aside key of its
    /// own, in the caller's transaction (which holds the user's row lock), and logs where.
    pub(super) async fn set_aside(
        &self,
        tx: &impl GenericClient,
        user: &UserId,
        kind: &Kind,
        bytes: &[u8],
        why: &StoreError,
    ) -> Result<(), StoreError> {
        let seq: i64 = row_one(tx, "SELECT nextval('advisor_assessment_seq')", &[])
            .await
            .map_err(|e| self.error(e))?
            .get(0);
        let aside = suffix(user, record::set_aside_key(user, kind, crate::store::now(), seq as u64));
        self.put_record(tx, user.0.as_bytes(), &aside, Some(bytes)).await?;
        let label = Kind::of(&[], &aside).label();
        warn!(user = %user, error = %why, set_aside_as = %label, "a record that could not be read was set aside; export shows it");
        Ok(())
    }

    pub(super) async fn add_assessment_op(&self, user: &UserId, assessment: &Assessment) -> Result<(), StoreError> {
        let mut client = self.pool.get().await.map_err(|e| self.error(e))?;
        let tx = client.transaction().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        self.lock_user(&tx, id).await?;
        self.insert_assessment(&tx, user, assessment).await?;
        tx.commit().await.map_err(|e| self.error(e))?;
        Ok(())
    }

    /// Inserts `assessment` and folds the oldest past the cap, in the caller's transaction (which
    /// holds the user's row lock).
    pub(super) async fn insert_assessment(
        &self,
        tx: &impl GenericClient,
        user: &UserId,
        assessment: &Assessment,
    ) -> Result<(), StoreError> {
        let id = user.0.as_bytes();
        let seq: i64 = row_one(tx, "SELECT nextval('advisor_assessment_seq')", &[])
            .await
            .map_err(|e| self.error(e))?
            .get(0);
        let key = suffix(user, record::assessment_key(user, assessment.at, seq as u64));
        exec(
            tx,
            "INSERT INTO advisor_records (user_id, key, body) VALUES ($1, $2, $3)",
            &[&id, &key, &record::encode(assessment)],
        )
        .await
        .map_err(|e| self.error(e))?;
        self.fold_oldest(tx, user).await?;
        debug!(user = %user, at = assessment.at, seq, "assessment added");
        Ok(())
    }

    /// As sled's: while more than [`MAX_ASSESSMENTS`] are kept, the oldest is folded into the next
    /// (see [`crate::store::fold_into`]), in the caller's transaction, so the summary lands with the
    /// removal or not at all. An oldest that cannot be read is left where it is rather than lost.
    pub(super) async fn fold_oldest(&self, tx: &impl GenericClient, user: &UserId) -> Result<(), StoreError> {
        let id = user.0.as_bytes();
        let from = suffix(user, record::assessments_prefix(user));
        let mut until = from.clone();
        // `assessment\0` becomes `assessment\x01`: every assessment key sorts before it.
        if let Some(last) = until.last_mut() {
            *last += 1;
        }
        let rows = rows_of(
            tx,
            "SELECT key, body FROM advisor_records WHERE user_id = $1 AND key >= $2 AND key < $3 ORDER BY key",
            &[&id, &from, &until],
        )
        .await
        .map_err(|e| self.error(e))?;
        let mut kept: Vec<(Vec<u8>, Vec<u8>)> = rows.into_iter().map(|row| (row.get(0), row.get(1))).collect();
        while kept.len() > MAX_ASSESSMENTS {
            let (first_key, first_value) = &kept[0];
            let (second_key, second_value) = &kept[1];
            let label = Kind::of(&[], first_key).label();
            let decoded = record::decode::<Assessment>(user, &label, first_value)
                .and_then(|a| Ok((a, record::decode::<Assessment>(user, &label, second_value)?)));
            let (folded, mut next) = match decoded {
                Ok(pair) => pair,
                Err(err) => {
                    warn!(user = %user, error = %err, "an old assessment could not be read; kept, not folded");
                    break;
                }
            };
            crate::store::fold_into(&folded, &mut next);
            let body = record::encode(&next);
            exec(
                tx,
                "DELETE FROM advisor_records WHERE user_id = $1 AND key = $2",
                &[&id, first_key],
            )
            .await
            .map_err(|e| self.error(e))?;
            exec(
                tx,
                "UPDATE advisor_records SET body = $3 WHERE user_id = $1 AND key = $2",
                &[&id, second_key, &body],
            )
            .await
            .map_err(|e| self.error(e))?;
            kept[1].1 = body;
            kept.remove(0);
        }
        Ok(())
    }

    /// As sled's: settings of a newer version are refused and kept; damaged ones are set aside and
    /// replaced.
    pub(super) async fn save_settings_op(&self, user: &UserId, settings: &Settings) -> Result<(), StoreError> {
        let mut client = self.pool.get().await.map_err(|e| self.error(e))?;
        let tx = client.transaction().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        let key = suffix(user, record::settings_key(user));
        self.lock_user(&tx, id).await?;
        let stored = row_opt(
            &tx,
            "SELECT body FROM advisor_records WHERE user_id = $1 AND key = $2",
            &[&id, &key],
        )
        .await
        .map_err(|e| self.error(e))?;
        if let Some(row) = stored {
            let bytes: &[u8] = row.get(0);
            match record::decode::<Settings>(user, &Kind::Settings.label(), bytes) {
                Ok(_) => {}
                Err(e) if record::is_damaged(&e) => self.set_aside(&tx, user, &Kind::Settings, bytes, &e).await?,
                Err(e) => return Err(e),
            }
        }
        exec(
            &tx,
            "INSERT INTO advisor_records (user_id, key, body) VALUES ($1, $2, $3)
             ON CONFLICT (user_id, key) DO UPDATE SET body = EXCLUDED.body",
            &[&id, &key, &record::encode(settings)],
        )
        .await
        .map_err(|e| self.error(e))?;
        tx.commit().await.map_err(|e| self.error(e))?;
        debug!(user = %user, "settings saved");
        Ok(())
    }

    /// The same document as [`SledStore`](crate::store::SledStore)'s export, in the same order.
    pub(super) async fn export_op(&self, user: &UserId) -> Result<serde_json::Value, StoreError> {
        let mut rows = self.rows(user).await?;
        rows.extend(self.due_rows(user).await?);
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        let mut records = Vec::new();
        for (key, value) in rows {
            let label = Kind::of(&[], &key).label();
            records.push(record::export_entry(&label, &value));
        }
        Ok(json!({ "user": user.0, "schema_version": record::SCHEMA_VERSION, "records": records }))
    }

    /// `user`'s due check-in entry, as sled keeps it: (key after the user's prefix, envelope).
    pub(super) async fn due_rows(&self, user: &UserId) -> Result<Vec<(Vec<u8>, Vec<u8>)>, StoreError> {
        let client = self.pool.get().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        let rows = rows_of(
            &client,
            "SELECT due_at, claimed_at IS NOT NULL FROM advisor_checkin_due WHERE user_id = $1",
            &[&id],
        )
        .await
        .map_err(|e| self.error(e))?;
        Ok(rows
            .into_iter()
            .map(|row| {
                let due: i64 = row.get(0);
                let claimed: bool = row.get(1);
                (record::due_suffix(due as u64), record::encode(&DueEntry { claimed }))
            })
            .collect())
    }

    /// Deletes every record of `user` (and its check-in entry) under the user's lock, so no write
    /// of that user is half before and half after it. The due entry counts as one, as in sled.
    pub(super) async fn forget_op(&self, user: &UserId) -> Result<usize, StoreError> {
        let mut client = self.pool.get().await.map_err(|e| self.error(e))?;
        let tx = client.transaction().await.map_err(|e| self.error(e))?;
        let id = user.0.as_bytes();
        row_opt(&tx, "SELECT 1 FROM advisor_users WHERE user_id = $1 FOR UPDATE", &[&id])
            .await
            .map_err(|e| self.error(e))?;
        let records = exec(&tx, "DELETE FROM advisor_records WHERE user_id = $1", &[&id])
            .await
            .map_err(|e| self.error(e))?;
        let due = exec(&tx, "DELETE FROM advisor_checkin_due WHERE user_id = $1", &[&id])
            .await
            .map_err(|e| self.error(e))?;
        let count = records + due;
        exec(&tx, "DELETE FROM advisor_users WHERE user_id = $1", &[&id])
            .await
            .map_err(|e| self.error(e))?;
        tx.commit().await.map_err(|e| self.error(e))?;
        debug!(user = %user, records = count, "forgotten");
        Ok(count as usize)
    }

    pub(super) async fn users_op(&self) -> Result<Vec<UserId>, StoreError> {
        let client = self.pool.get().await.map_err(|e| self.error(e))?;
        let rows = rows_of(&client, "SELECT DISTINCT user_id FROM advisor_records", &[])
            .await
            .map_err(|e| self.error(e))?;
        Ok(rows
            .into_iter()
            .filter_map(|row| String::from_utf8(row.get(0)).ok().map(UserId))
            .collect())
    }
}
