//! The sled backend's check-ins: a user's [`CheckinRecord`] and the durable due index.
//!
//! Both live under the user's prefix (see [`crate::store::record`]): the record at `checkins`, and at
//! most one due entry at `checkins \0 due \0 AT` (`AT` big-endian), whose value says whether it
//! has been claimed. The record and its due entry change together in one sled transaction, so the
//! index never points at a time the record does not hold. `forget` and `export` cover both, being
//! prefix scans.
//!
//! [`SledStore::checkins_due`] seeks once per user to that user's due entries (the keys sort by
//! user first, so there is no single time-ordered range across users); a backend with secondary
//! indexes (PostgreSQL) keeps an index on the due time instead.

use std::cell::RefCell;

use sled::transaction::{ConflictableTransactionError, TransactionError};
use tracing::{debug, warn};

use super::SledStore;
use crate::advisor::checkin::CheckinRecord;
use crate::store::record::{self, DueEntry, Kind};
use crate::store::{StoreError, UserId};

fn checkins_key(user: &UserId) -> Vec<u8> {
    let mut key = record::user_prefix(user);
    key.extend_from_slice(record::CHECKINS);
    key
}

fn due_prefix(user: &UserId) -> Vec<u8> {
    let mut key = record::user_prefix(user);
    key.extend_from_slice(record::CHECKIN_DUE);
    key
}

fn due_key(user: &UserId, at: u64) -> Vec<u8> {
    let mut key = due_prefix(user);
    key.extend_from_slice(&at.to_be_bytes());
    key
}

/// The due time a record puts in the index: its next check-in, while they are on.
fn due_of(record: &CheckinRecord) -> Option<u64> {
    record.next_due.filter(|_| record.on)
}

impl SledStore {
    pub(super) fn checkins_load(&self, user: &UserId) -> Result<Option<CheckinRecord>, StoreError> {
        match self.db.get(checkins_key(user)).map_err(|e| self.db_error(e))? {
            Some(bytes) => Ok(Some(record::decode(user, &Kind::Checkins.label(), &bytes)?)),
            None => Ok(None),
        }
    }

    /// The record and its due entry in one transaction: `change` may run again on a conflict. A
    /// due entry whose time is unchanged is kept as it is, claimed or not; a new time gets a fresh,
    /// unclaimed entry.
    pub(super) fn checkins_update(
        &self,
        user: &UserId,
        change: &mut dyn FnMut(Option<CheckinRecord>) -> Option<CheckinRecord>,
    ) -> Result<Option<CheckinRecord>, StoreError> {
        let key = checkins_key(user);
        let label = Kind::Checkins.label();
        let change = RefCell::new(change);
        let unclaimed = record::encode(&DueEntry::default());
        let outcome = self.db.transaction(|tx| {
            let current: Option<CheckinRecord> = match tx.get(&key)? {
                Some(bytes) => Some(record::decode(user, &label, &bytes).map_err(ConflictableTransactionError::Abort)?),
                None => None,
            };
            let old_due = current.as_ref().and_then(due_of);
            let next = (change.borrow_mut())(current);
            let new_due = next.as_ref().and_then(due_of);
            match &next {
                Some(record) => tx.insert(key.as_slice(), record::encode(record))?,
                None => tx.remove(key.as_slice())?,
            };
            if old_due != new_due {
                if let Some(at) = old_due {
                    tx.remove(due_key(user, at))?;
                }
                if let Some(at) = new_due {
                    tx.insert(due_key(user, at), unclaimed.clone())?;
                }
            }
            Ok(next)
        });
        let next = match outcome {
            Ok(next) => next,
            Err(TransactionError::Abort(err)) => return Err(err),
            Err(TransactionError::Storage(err)) => return Err(self.db_error(err)),
        };
        debug!(user = %user, on = next.as_ref().is_some_and(|r| r.on), "check-ins updated");
        Ok(next)
    }

    /// Every unclaimed due entry at or before `at`, one seek per user.
    pub(super) fn checkins_due(&self, at: u64) -> Result<Vec<(UserId, u64)>, StoreError> {
        let mut found = Vec::new();
        let mut from = record::all_users_prefix().to_vec();
        loop {
            let next = self.db.range(from.as_slice()..).keys().next();
            let key = match next {
                None => break,
                Some(key) => key.map_err(|e| self.db_error(e))?,
            };
            if !key.starts_with(record::all_users_prefix()) {
                break;
            }
            let Some((user, past)) = record::split_user(&key) else {
                from = key.to_vec();
                from.push(0);
                continue;
            };
            let start = due_prefix(&user);
            let end = due_key(&user, at.saturating_add(1));
            let range = if at == u64::MAX {
                self.db.scan_prefix(&start)
            } else {
                self.db.range(start.as_slice()..end.as_slice())
            };
            for item in range {
                let (key, value) = item.map_err(|e| self.db_error(e))?;
                let Kind::CheckinDue { at: due } = Kind::of(&record::user_prefix(&user), &key) else {
                    continue;
                };
                match record::decode::<DueEntry>(&user, &format!("checkins/due/{due}"), &value) {
                    Ok(entry) if !entry.claimed => found.push((user.clone(), due)),
                    Ok(_) => {}
                    Err(err) => warn!(user = %user, error = %err, "skipping a due check-in that could not be read"),
                }
            }
            from = past;
        }
        found.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
        Ok(found)
    }

    /// Claims the due entry of `user` at `due_at`: true for the one caller that turned it from
    /// unclaimed to claimed, false for every other (already claimed, moved or gone).
    pub(super) fn checkins_claim(&self, user: &UserId, due_at: u64) -> Result<bool, StoreError> {
        let key = due_key(user, due_at);
        let label = format!("checkins/due/{due_at}");
        let claimed = record::encode(&DueEntry { claimed: true });
        let mut stored = self.db.get(&key).map_err(|e| self.db_error(e))?;
        loop {
            let Some(bytes) = &stored else {
                return Ok(false);
            };
            if record::decode::<DueEntry>(user, &label, bytes)?.claimed {
                return Ok(false);
            }
            match self
                .db
                .compare_and_swap(&key, stored.clone(), Some(claimed.clone()))
                .map_err(|e| self.db_error(e))?
            {
                Ok(()) => break,
                Err(conflict) => stored = conflict.current,
            }
        }
        debug!(user = %user, due_at, "check-in claimed");
        Ok(true)
    }
}
